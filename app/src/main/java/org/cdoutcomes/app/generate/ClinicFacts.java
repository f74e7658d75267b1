package org.cdoutcomes.app.generate;

import java.util.List;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Sex;

/**
 * The figures of synthetic-clinic.md (pivotal trials, CD PROBE, INTEREST IN CD2, ASPEN-1) that drive the
 * simulation. Where the spec gives a figure it is used as such; the rest are plausible choices, noted.
 */
final class ClinicFacts {
    private ClinicFacts() {
    }

    static final Weighted<Sex> SEX = Weighted.<Sex>builder()
            .add(Sex.F, 0.66).add(Sex.M, 0.33).add(Sex.X, 0.005).add(Sex.UNKNOWN, 0.005).build();
    static final double SEX_RECORDED = 0.98;

    static final int BIRTH_YEAR_MIN = 1940;
    static final int BIRTH_YEAR_MAX = 2000;
    static final double BIRTH_YEAR_RECORDED = 0.98;

    /** Mostly torticollis/torticaput, some laterocollis, few retro/antero, some mixed. */
    static final Weighted<CdPattern> CD_PATTERN = Weighted.<CdPattern>builder()
            .add(CdPattern.TORTICOLLIS, 0.40).add(CdPattern.TORTICAPUT, 0.20)
            .add(CdPattern.LATEROCOLLIS, 0.10).add(CdPattern.LATEROCAPUT, 0.05)
            .add(CdPattern.RETROCOLLIS, 0.04).add(CdPattern.RETROCAPUT, 0.02)
            .add(CdPattern.ANTEROCOLLIS, 0.02).add(CdPattern.ANTEROCAPUT, 0.01)
            .add(CdPattern.SHIFT, 0.01).add(CdPattern.MIXED, 0.15).build();
    static final double CD_PATTERN_RECORDED = 0.96;
    static final double DIAGNOSIS_RECORDED = 0.85;

    /** Shares of patients by the product they start on. */
    static final Weighted<Product> PRODUCT = Weighted.<Product>builder()
            .add(Product.ONABOTULINUMTOXIN_A, 0.45).add(Product.ABOBOTULINUMTOXIN_A, 0.25)
            .add(Product.INCOBOTULINUMTOXIN_A, 0.15).add(Product.RIMABOTULINUMTOXIN_B, 0.08)
            .add(Product.DAXIBOTULINUMTOXIN_A, 0.07).build();
    /**
     * About 1 patient in 8 switches product at some point (here: at their 2nd, 3rd or 4th session). 1 in 7 is drawn: some
     * never reach the session of their switch within the period (1 in 8 drawn gave 10.7 % of the patients exported).
     */
    static final double SWITCHES_PRODUCT = 1.0 / 7;

    static final Weighted<Guidance> GUIDANCE = Weighted.<Guidance>builder()
            .add(Guidance.EMG, 0.40).add(Guidance.ULTRASOUND, 0.30).add(Guidance.ANATOMIC, 0.20)
            .add(Guidance.UNKNOWN, 0.03).build();
    static final double GUIDANCE_RECORDED = 0.93;

    /**
     * A muscle (or, for the scalenes, a muscle group) in a patient's pattern, with how often it is in one, and a
     * relative dose weight (how much of a session's units it usually takes). Patterns that bend the head or neck
     * back (retro-) or forward (antero-) work the extensors or the flexors, not the rotators and tilters of the
     * turning and tilting patterns: they have frequencies of their own. The others' are set so that over all
     * patterns (9 % retro or antero) each muscle comes out at the spec's frequency (splenius capitis 0.87: 0.91 x 0.892
     * + 0.06 x 0.95 + 0.03 x 0.05).
     */
    record Candidate(double usual, double extension, double flexion, double doseWeight, Weighted<Muscle> muscles) {
        static Candidate of(Muscle muscle, double usual, double extension, double flexion, double doseWeight) {
            return new Candidate(usual, extension, flexion, doseWeight,
                    Weighted.<Muscle>builder().add(muscle, 1).build());
        }

        double frequency(CdPattern pattern) {
            return switch (pattern) {
                case RETROCOLLIS, RETROCAPUT -> extension;
                case ANTEROCOLLIS, ANTEROCAPUT -> flexion;
                default -> usual;
            };
        }
    }

    /** In decreasing frequency: the last ones are dropped first when a pattern has more than 5 muscles. */
    static final List<Candidate> PATTERN_MUSCLES = List.of(
            Candidate.of(Muscle.SPLENIUS_CAPITIS, 0.892, 0.95, 0.05, 1.0),
            Candidate.of(Muscle.STERNOCLEIDOMASTOID, 0.879, 0.05, 0.90, 0.6),
            Candidate.of(Muscle.TRAPEZIUS, 0.654, 0.64, 0.20, 0.8),
            Candidate.of(Muscle.LEVATOR_SCAPULAE, 0.41, 0.41, 0.41, 0.6),
            Candidate.of(Muscle.SEMISPINALIS_CAPITIS, 0.247, 0.75, 0.02, 0.8),
            // the scalenes, one candidate: a session injects one of the three
            new Candidate(0.147, 0.02, 0.50, 0.4, Weighted.<Muscle>builder()
                    .add(Muscle.SCALENUS_ANTERIOR, 0.6).add(Muscle.SCALENUS_MEDIUS, 0.3)
                    .add(Muscle.SCALENUS_POSTERIOR, 0.1).build()),
            Candidate.of(Muscle.SPLENIUS_CERVICIS, 0.034, 0.15, 0.0, 0.6),
            Candidate.of(Muscle.LONGISSIMUS_CAPITIS, 0.026, 0.10, 0.0, 0.5),
            Candidate.of(Muscle.OBLIQUUS_CAPITIS_INFERIOR, 0.03, 0.03, 0.03, 0.3),
            Candidate.of(Muscle.SEMISPINALIS_CERVICIS, 0.015, 0.10, 0.0, 0.5),
            Candidate.of(Muscle.LONGUS_COLLI, 0.012, 0.0, 0.30, 0.3));
    static final int MIN_MUSCLES = 2;
    static final int MAX_MUSCLES = 5;
    /**
     * A later session leaves one of the patient's muscles out, or adds one for that session only. Additions stay rare:
     * each one puts a muscle in the patient's history for good, so at 5 % a session the share of patients ever injected
     * in trapezius drifted from the spec's 64 % to 69 % over two years and 73 % over five.
     */
    static final double SESSION_LEAVES_ONE_OUT = 0.05;
    static final double SESSION_ADDS_ONE = 0.01;
    /** A bilateral row covers both sides: its dose weight relative to one side. */
    static final double BILATERAL_DOSE_FACTOR = 1.7;

    /**
     * Label practice per product: a patient's usual session total (normal, clipped to the label range),
     * the range of one row (one side; a bilateral row may take 1.5 times the maximum) and the rounding step.
     */
    record Dosing(double sessionMean, double sessionSd, int sessionMin, int sessionMax, int rowMin, int rowMax, int step) {
    }

    static Dosing dosing(Product product) {
        return switch (product) {
            case ONABOTULINUMTOXIN_A, INCOBOTULINUMTOXIN_A -> new Dosing(190, 45, 100, 300, 15, 100, 5);
            case ABOBOTULINUMTOXIN_A -> new Dosing(550, 150, 250, 1000, 50, 500, 10);
            case RIMABOTULINUMTOXIN_B -> new Dosing(6000, 1800, 2500, 10000, 500, 5000, 100);
            case DAXIBOTULINUMTOXIN_A -> new Dosing(190, 30, 125, 250, 20, 125, 5);
        };
    }

    /**
     * Sessions where the injector aims above the usual maximum of input-formats.md (ingest keeps them with a
     * DOSE_ABOVE_USUAL_MAX warning; the per-row range keeps small charts below it).
     */
    static final double HIGH_DOSE_SESSION = 0.005;

    static final double STOPS_PER_YEAR = 0.15;

    // Onset: about 90% of cycles report it (92% relieved x 97.5% reported); log-normal, median 5 days,
    // sigma 0.8 puts about 90% within 2 weeks and leaves a tail to 8 weeks.
    static final double RELIEF = 0.92;
    static final double ONSET_REPORTED = 0.975;
    static final double ONSET_MEDIAN_DAYS = 5;
    static final double ONSET_SIGMA = 0.8;
    static final int ONSET_MAX_DAYS = 56;

    // Wear-off, days after injection: 10-14 weeks (daxibotulinumtoxinA 20-24 weeks).
    static double wearOffMeanDays(Product product) {
        return product == Product.DAXIBOTULINUMTOXIN_A ? 154 : 84;
    }

    static final double WEAR_OFF_SD_DAYS = 12;
    static final double WEAR_OFF_REPORTED = 0.78;
    /** Wore off within two weeks before the next session and told the nurse on the day. */
    static final double WEAR_OFF_REPORTED_AT_NEXT_VISIT = 0.12;
    static final double WEAR_OFF_REPORTED_AFTER_STOPPING = 0.5;

    // Side effects per cycle (before the dose factor, which averages about 1).
    static final double DYSPHAGIA = 0.023;
    static final double DYSPHAGIA_SCM_FACTOR = 2.5;
    static final double DYSPHAGIA_BILATERAL_SCM_FACTOR = 3.5;
    static final double NECK_WEAKNESS = 0.036;
    static final double NECK_WEAKNESS_BILATERAL_SPLENIUS_FACTOR = 2.5;
    static final double NECK_WEAKNESS_SEMISPINALIS_FACTOR = 1.6;
    static final double DRY_MOUTH_RIMA = 0.21;
    static final double DRY_MOUTH_OTHER = 0.01;
    static final double INJECTION_SITE_PAIN = 0.05;
    static final double HEADACHE = 0.03;
    static final double FLU_LIKE = 0.02;
    static final double FATIGUE = 0.03;
    static final double DYSPHONIA = 0.01;
    static final double AE_GRADED = 0.7;

    // Scores: TWSTRS total about 40 (sd 10) off toxin; 10-15 points lower at 4-6 weeks when relieved.
    static final double TWSTRS_BASELINE_MEAN = 40;
    static final double TWSTRS_BASELINE_SD = 10;
    static final double TWSTRS_VISIT_SD = 4;
    static final double TWSTRS_RELIEF_MEAN = 12.5;
    static final double TWSTRS_RELIEF_SD = 3.5;
    static final double PAIN_BASELINE_MEAN = 5;
    static final double PAIN_BASELINE_SD = 2;
    static final double PAIN_RELIEF_MEAN = 2;
    static final double SCORE_AT_VISIT = 0.7;
    static final double PAIN_WITH_TWSTRS = 0.85;
    static final double SCORE_AT_FOLLOW_UP = 0.5;
}
