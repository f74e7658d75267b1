package org.cdoutcomes.app.generate;

import java.util.List;

/** Clinic-wide facts derived once from the options: the period as epoch days, the sites, the id width. */
final class ClinicPlan {
    private static final List<String> SITE_NAMES = List.of("main", "north", "riverside");
    private static final double[] SITE_WEIGHTS = {0.60, 0.25, 0.15};
    /** Roughly how many rows a patient adds per year of history, to aim at about 1 rule-breaking row in 1,000. */
    private static final double ROWS_PER_PATIENT_YEAR = 17;
    /** Every clinic, however small, shows a handful of rule-breaking rows. */
    static final int ALWAYS_BROKEN_PATIENTS = 5;

    private final int fromYear;
    private final int from;
    private final int to;
    private final double incidentShare;
    private final List<String> siteIds;
    private final Weighted<String> sites;
    private final int idWidth;
    private final int brokenStride;

    ClinicPlan(GeneratorOptions options) {
        this.fromYear = options.from().getYear();
        this.from = (int) options.from().toEpochDay();
        this.to = (int) options.to().toEpochDay();
        double years = periodDays() / 365.25;
        // In a steady clinic 15% stop each year and as many join: over Y years the prevalent patients of the
        // start are joined by 0.15 * Y times as many new ones.
        double joining = ClinicFacts.STOPS_PER_YEAR * years;
        this.incidentShare = joining / (1 + joining);
        int siteCount = 1 + Draw.forClinic(options.seed()).below(SITE_NAMES.size());
        this.siteIds = SITE_NAMES.subList(0, siteCount);
        Weighted.Builder<String> builder = Weighted.builder();
        for (int i = 0; i < siteCount; i++) {
            builder.add(SITE_NAMES.get(i), SITE_WEIGHTS[i]);
        }
        this.sites = builder.build();
        this.idWidth = Math.max(6, Integer.toString(options.patients()).length());
        this.brokenStride = (int) Math.max(3, Math.round(1000 / (ROWS_PER_PATIENT_YEAR * Math.max(years, 0.25))));
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    int periodDays() {
        return to - from + 1;
    }

    int fromYear() {
        return fromYear;
    }

    double incidentShare() {
        return incidentShare;
    }

    Weighted<String> sites() {
        return sites;
    }

    List<String> siteIds() {
        return siteIds;
    }

    /** The patient's number, zero-padded: patient 4711 is {@code 004711}. */
    String number(int index) {
        return PatientSimulation.pad(index + 1, idWidth);
    }

    /**
     * The rule this patient's export breaks in one extra row, or null: every {@code brokenStride}-th patient
     * and the first few, deterministic by index. Successive broken patients take the kinds in turn, so every
     * kind shows up once a clinic has a few dozen of them.
     */
    RuleBreak ruleBreak(int index) {
        RuleBreak[] kinds = RuleBreak.values();
        if (index % brokenStride == 0) {
            return kinds[(index / brokenStride) % kinds.length];
        }
        return index < ALWAYS_BROKEN_PATIENTS ? kinds[index % kinds.length] : null;
    }
}
