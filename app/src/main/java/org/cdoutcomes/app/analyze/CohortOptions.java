package org.cdoutcomes.app.analyze;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdoutcomes.analytics.Quarter;
import org.cdoutcomes.app.cli.DateConverter;
import org.cdoutcomes.model.vocabulary.Codes;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The options that choose the cohort, shared by {@code cdo analyze} and {@code cdo report} ({@code @Mixin}). */
public class CohortOptions {
    @Option(names = "--quarter", paramLabel = "YYYY-Qn", converter = QuarterConverter.class,
            description = "the cycles injected in that quarter, e.g. 2026-Q3 (the same as --from 2026-07-01 --to 2026-09-30)")
    Quarter quarter;

    @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
            description = "first injection date of the cycles to analyse, yyyy-MM-dd (inclusive)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
            description = "last injection date of the cycles to analyse, yyyy-MM-dd (inclusive)")
    LocalDate to;

    @Option(names = "--as-of", paramLabel = "DATE", converter = DateConverter.class,
            description = "the data cutoff, yyyy-MM-dd: records dated later are ignored, visits included "
                    + "(default: the latest visit or symptom date stored)")
    LocalDate asOf;

    @Option(names = "--site", paramLabel = "ID",
            description = "keep the cycles injected at this site (a visit's site_id, else its patient's, else main); "
                    + "repeat it for several sites (default: every site)")
    List<String> sites = new ArrayList<>();

    /**
     * The request these options make, with the analysis settings given.
     *
     * @throws ParameterException (exit 2) naming the option and what it expects
     */
    public AnalysisRequest request(CommandLine command, int aeWindowDays, int followUpDays, boolean firstCycleOnly) {
        if (quarter != null && (from != null || to != null)) {
            throw new ParameterException(command, "--quarter cannot be combined with --from or --to: give either a quarter or a period");
        }
        // cli.md: [--from D --to D | --quarter YYYY-Qn], for the analysis as for the report
        if ((from == null) != (to == null)) {
            throw new ParameterException(command, (from == null ? "--to" : "--from") + " needs "
                    + (from == null ? "--from" : "--to") + " too: a period has a first and a last injection date (or give --quarter)");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterException(command, "--from " + from + " is after --to " + to + ": the period runs from the earlier date to the later");
        }
        for (String site : sites) {
            if (Codes.isBlank(site)) {
                throw new ParameterException(command, "--site expects a site id, such as main, but got an empty one");
            }
        }
        return new AnalysisRequest(asOf, from, to, quarter, Set.copyOf(sites), aeWindowDays, followUpDays, firstCycleOnly);
    }

    static final class QuarterConverter implements ITypeConverter<Quarter> {
        @Override
        public Quarter convert(String value) {
            try {
                return Quarter.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
