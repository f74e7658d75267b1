package org.cdoutcomes.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;

/**
 * Writes a sample workbook to look at (LibreOffice PDF, src/test/sh/check-pdf.sh): the test fixture with
 * product curves of a few hundred cycles, so the charts have realistic steps. Not a test.
 */
public final class SampleReport {
    private SampleReport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/sample-report.xlsx");
        AnalysisResult fixture = ReportFixture.analysis();
        Random random = new Random(42);
        List<KaplanMeierSummary> onset = new ArrayList<>();
        for (KaplanMeierSummary stratum : fixture.timeToOnset()) {
            onset.add(stratum.by().equals("product") && stratum.n() >= 5
                    ? withCurve(stratum, curve(random, stratum.n() * 20, 4 + onset.size(), 40)) : stratum);
        }
        List<KaplanMeierSummary> duration = new ArrayList<>();
        for (KaplanMeierSummary stratum : fixture.durationOfRelief()) {
            duration.add(stratum.by().equals("product")
                    ? withCurve(stratum, curve(random, stratum.n() * 20, 70 + 10 * duration.size(), 150)) : stratum);
        }
        AnalysisResult analysis = new AnalysisResult(fixture.cohort(), onset, duration, fixture.sideEffects(),
                fixture.comparisons(), fixture.dataQuality());
        try (OutputStream file = Files.newOutputStream(out)) {
            QuarterlyReportWriter.write(ReportFixture.context(5), analysis, ReportFixture.figures(), file);
        }
        System.out.println(out.toAbsolutePath());
    }

    private static KaplanMeierSummary withCurve(KaplanMeierSummary s, List<CurvePoint> curve) {
        return new KaplanMeierSummary(s.by(), s.value(), s.n(), s.events(), s.censored(), s.median(), s.medianCiLower(),
                s.medianCiUpper(), s.q1(), s.q3(), curve);
    }

    /** Product-limit estimate of exponential event times with uniform censoring (no bands: the chart does not use them). */
    private static List<CurvePoint> curve(Random random, int n, double meanDays, int censorDays) {
        int[] time = new int[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            int t = (int) Math.round(-meanDays * Math.log(1 - random.nextDouble()));
            int c = random.nextInt(censorDays);
            time[i] = Math.min(t, c);
            event[i] = t <= c;
        }
        List<CurvePoint> points = new ArrayList<>();
        double s = 1;
        int atRisk = n;
        for (int day = 0; atRisk > 0; day++) {
            int events = 0;
            int censored = 0;
            for (int i = 0; i < n; i++) {
                if (time[i] == day) {
                    if (event[i]) {
                        events++;
                    } else {
                        censored++;
                    }
                }
            }
            if (events + censored > 0) {
                s *= 1 - (double) events / atRisk;
                points.add(new CurvePoint(day, atRisk, events, censored, s, null, null));
                atRisk -= events + censored;
            }
        }
        return points;
    }
}
