package org.cdoutcomes.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.cdoutcomes.analytics.cohort.PeriodTally;
import org.cdoutcomes.analytics.cycle.CycleBuilder;
import org.cdoutcomes.analytics.cycle.PatientCycles;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.model.record.PatientHistory;

/**
 * The whole analysis in one streaming pass: feed every patient's history once ({@link #accept}, in any order, one
 * history per patient), then {@link #finish}. Each history is turned into cycles and folded into tallies of the
 * period and of the four quarters before it (the report's trend, same cutoff), then dropped.
 */
public final class Analyzer implements Consumer<PatientHistory> {
    static final int TREND_QUARTERS = 4;

    private final AnalysisOptions options;
    private final CycleBuilder cycleBuilder;
    private final PeriodTally period;
    /** Oldest first. */
    private final List<Quarter> trendQuarters = new ArrayList<>(TREND_QUARTERS);
    private final List<PeriodTally> trend = new ArrayList<>(TREND_QUARTERS);
    private long visitIdMismatches;
    private long wearOffsWithoutOnset;
    private long recordsWithoutCycle;

    public Analyzer(AnalysisOptions options) {
        this.options = options;
        this.cycleBuilder = new CycleBuilder(options.asOf(), options.followUpDays(), options.aeWindowDays());
        this.period = tally(options.from(), options.to());
        Quarter quarter = Quarter.containing(trendAnchor(options));
        for (int i = 0; i < TREND_QUARTERS; i++) {
            quarter = quarter.previous();
            trendQuarters.add(0, quarter);
        }
        trendQuarters.forEach(q -> trend.add(tally(q.first(), q.last())));
    }

    /** The trend is the four quarters before the one holding the period's start (else its end, else the cutoff). */
    private static LocalDate trendAnchor(AnalysisOptions options) {
        if (options.from() != null) {
            return options.from();
        }
        return options.to() != null ? options.to() : options.asOf();
    }

    private PeriodTally tally(LocalDate from, LocalDate to) {
        return new PeriodTally(from, to, options.sites(), options.firstCycleOnly(), options.muscleGroups());
    }

    /** Analyses every history the iterator gives, holding one at a time. */
    public static Analysis analyze(Iterator<PatientHistory> histories, AnalysisOptions options) {
        Analyzer analyzer = new Analyzer(options);
        histories.forEachRemaining(analyzer);
        return analyzer.finish();
    }

    @Override
    public void accept(PatientHistory history) {
        PatientCycles cycles = cycleBuilder.build(history);
        visitIdMismatches += cycles.visitIdMismatches();
        wearOffsWithoutOnset += cycles.wearOffsWithoutOnset();
        recordsWithoutCycle += cycles.recordsWithoutCycle();
        period.add(cycles);
        trend.forEach(t -> t.add(cycles));
    }

    public Analysis finish() {
        List<KaplanMeierSummary> onset = PeriodTally.summaries(period.onsetCounts());
        List<KaplanMeierSummary> duration = PeriodTally.summaries(period.durationCounts());
        AnalysisResult result = new AnalysisResult(
                new Cohort(options.from(), options.to(), options.asOf(), period.patients(), period.cycles(), options.aeWindowDays()),
                onset, duration, period.sideEffects().rows(), period.comparisons(),
                new DataQuality(visitIdMismatches, wearOffsWithoutOnset, recordsWithoutCycle));
        List<QuarterFigures> trendFigures = new ArrayList<>(TREND_QUARTERS);
        for (int i = 0; i < TREND_QUARTERS; i++) {
            trendFigures.add(trend.get(i).figures(trendQuarters.get(i).toString()));
        }
        ReportFigures figures = new ReportFigures(period.figures(options.periodLabel()), trendFigures,
                PeriodTally.reliefShares(duration), period.dosing());
        return new Analysis(result, figures);
    }
}
