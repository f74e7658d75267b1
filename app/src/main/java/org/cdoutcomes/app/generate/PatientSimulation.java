package org.cdoutcomes.app.generate;

import static org.cdoutcomes.app.generate.ClinicFacts.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cdoutcomes.app.generate.ClinicFacts.Candidate;
import org.cdoutcomes.app.generate.ClinicFacts.Dosing;
import org.cdoutcomes.app.generate.SimulatedPatient.Injection;
import org.cdoutcomes.app.generate.SimulatedPatient.Session;
import org.cdoutcomes.app.generate.SimulatedPatient.Symptom;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * Simulates one patient's history in the clinic over the period: who they are, their muscle pattern,
 * their injection sessions, and what they and the clinicians recorded in each treatment cycle. Nothing
 * is dated after the period's last day.
 */
final class PatientSimulation {
    private static final Weighted<Integer> GRADE = Weighted.<Integer>builder().add(1, 0.6).add(2, 0.3).add(3, 0.1).build();

    private final ClinicPlan plan;

    PatientSimulation(ClinicPlan plan) {
        this.plan = plan;
    }

    /** One muscle of a patient's pattern, on the side the pattern implies. */
    private record PatternMuscle(Candidate candidate, Muscle muscle, Side side) {
    }

    SimulatedPatient simulate(int index, Draw draw) {
        String siteId = plan.sites().pick(draw);
        Sex sex = SEX.pick(draw);
        boolean sexRecorded = draw.chance(SEX_RECORDED);
        // Triangular over 1940-2000 (most patients are middle-aged), and an adult during the period.
        int birthYear = Math.min(BIRTH_YEAR_MIN + (int) ((BIRTH_YEAR_MAX - BIRTH_YEAR_MIN + 1) * (draw.uniform() + draw.uniform()) / 2),
                plan.fromYear() - 20);
        boolean birthYearRecorded = draw.chance(BIRTH_YEAR_RECORDED);
        CdPattern pattern = CD_PATTERN.pick(draw);
        boolean patternRecorded = draw.chance(CD_PATTERN_RECORDED);
        Side direction = draw.chance(0.5) ? Side.LEFT : Side.RIGHT;
        List<PatternMuscle> muscles = patternMuscles(pattern, direction, draw);
        Product product = PRODUCT.pick(draw);
        int switchAt = draw.chance(SWITCHES_PRODUCT) ? draw.between(1, 3) : -1;
        Guidance guidance = draw.chance(GUIDANCE_RECORDED) ? GUIDANCE.pick(draw) : null;
        double twstrsBaseline = clamp(draw.normal(TWSTRS_BASELINE_MEAN, TWSTRS_BASELINE_SD), 0, 87);
        double painBaseline = clamp(draw.normal(PAIN_BASELINE_MEAN, PAIN_BASELINE_SD), 0, 10);
        Scores scores = new Scores(twstrsBaseline, painBaseline);

        List<Symptom> symptoms = new ArrayList<>();
        int firstSession;
        int diagnosis;
        if (draw.chance(plan.incidentShare())) {
            // A new patient: screened (baseline scores) at some point of the period, first injected 1-4 weeks later.
            int screening = clinicDayWithinPeriod(plan.from() + draw.below(plan.periodDays()), draw);
            scores.record(symptoms, screening, -1, 0, 0, draw);
            diagnosis = screening - draw.between(14, 720);
            firstSession = clinicDay(screening + draw.between(7, 28), draw);
        } else {
            // Already in treatment when the period starts: the first session of the period falls anywhere in one cycle.
            int cycle = product == Product.DAXIBOTULINUMTOXIN_A ? 168 : 98;
            firstSession = clinicDayWithinPeriod(plan.from() + draw.below(Math.min(cycle, plan.periodDays())), draw);
            diagnosis = plan.from() - draw.between(180, 15 * 365);
        }
        int adulthood = (int) LocalDate.of(birthYear + 16, 1, 1).toEpochDay();
        LocalDate diagnosisDate = draw.chance(DIAGNOSIS_RECORDED)
                ? LocalDate.ofEpochDay(Math.min(Math.max(diagnosis, adulthood), Math.min(firstSession, plan.to())))
                : null;

        List<Session> sessions = new ArrayList<>();
        String number = plan.number(index);
        double usualTotal = usualSessionTotal(product, draw);
        int day = firstSession;
        for (int k = 0; day <= plan.to(); k++) {
            if (k == switchAt) {
                product = PRODUCT.pickOtherThan(product, draw);
                usualTotal = usualSessionTotal(product, draw);
            }
            List<PatternMuscle> sessionMuscles = k == 0 ? muscles : varied(muscles, pattern, direction, draw);
            double total = sessionTotal(usualTotal, dosing(product), draw);
            if (draw.chance(HIGH_DOSE_SESSION)) {
                total = product.usualMaxVisitUnits().doubleValue() * draw.uniform(1.0, 1.2);
            }
            List<Injection> injections = injections(sessionMuscles, total, dosing(product));
            Guidance sessionGuidance = guidance == null || draw.chance(0.9) ? guidance : GUIDANCE.pick(draw);
            sessions.add(new Session("V-" + number + "-" + pad(k + 1, 3), day, product, visitSite(siteId, draw),
                    sessionGuidance, injections));

            int interval = interval(product, draw);
            int next = clinicDay(day + interval, draw);
            boolean stops = draw.chance(1 - StrictMath.pow(1 - STOPS_PER_YEAR, interval / 365.25));
            boolean hasNext = !stops && next <= plan.to();
            int lastDay = hasNext ? next - 1 : Math.min(plan.to(), stops ? day + 180 : plan.to());
            cycle(k, day, hasNext, next, lastDay, stops, product, injections, scores, draw, symptoms);
            if (!hasNext) {
                break;
            }
            day = next;
        }
        return new SimulatedPatient(index, number, siteId, sexRecorded ? sex : null, birthYearRecorded ? birthYear : null,
                diagnosisDate, patternRecorded ? pattern : null, List.copyOf(sessions), byDay(symptoms));
    }

    /** Symptom records in date order (a stable sort: same-day records keep the order they were simulated in). */
    private static List<Symptom> byDay(List<Symptom> symptoms) {
        symptoms.sort(Comparator.comparingInt(Symptom::day));
        return List.copyOf(symptoms);
    }

    /**
     * Days to onset: the log-normal truncated to 1..8 weeks by drawing again (about 1 draw in 300), so the tail
     * thins out to its end instead of piling up on its last day, as clamping the draws did.
     */
    private static int onsetDays(Draw draw) {
        return (int) Draw.within(1, ONSET_MAX_DAYS, () -> Math.round(draw.logNormal(ONSET_MEDIAN_DAYS, ONSET_SIGMA)));
    }

    /** The records of one treatment cycle: scores, onset, wear-off and side effects, none after {@code lastDay}. */
    private void cycle(int k, int day, boolean hasNext, int next, int lastDay, boolean stops, Product product,
                       List<Injection> injections, Scores scores, Draw draw, List<Symptom> symptoms) {
        if (draw.chance(SCORE_AT_VISIT)) {
            scores.record(symptoms, day, k, 0, 0, draw);
        }
        boolean relieved = draw.chance(RELIEF);
        int onsetDays = onsetDays(draw);
        if (relieved && draw.chance(ONSET_REPORTED) && day + onsetDays <= lastDay) {
            symptoms.add(new Symptom(day + onsetDays, SymptomKind.RELIEF_ONSET, null, Symptom.NO_VALUE, k));
        }
        if (relieved) {
            int wearOff = day + (int) Math.max(onsetDays + 21, Math.round(draw.normal(wearOffMeanDays(product), WEAR_OFF_SD_DAYS)));
            double u = draw.uniform();
            if (hasNext) {
                // When the next injection comes first the relief is cut short there: nothing to report.
                if (wearOff < next && u < WEAR_OFF_REPORTED) {
                    symptoms.add(new Symptom(wearOff, SymptomKind.RELIEF_WEAR_OFF, null, Symptom.NO_VALUE, k));
                } else if (wearOff < next && next - wearOff <= 14 && u < WEAR_OFF_REPORTED + WEAR_OFF_REPORTED_AT_NEXT_VISIT) {
                    symptoms.add(new Symptom(next, SymptomKind.RELIEF_WEAR_OFF, null, Symptom.NO_VALUE, k));
                }
            } else if (wearOff <= lastDay && u < (stops ? WEAR_OFF_REPORTED_AFTER_STOPPING : WEAR_OFF_REPORTED)) {
                symptoms.add(new Symptom(wearOff, SymptomKind.RELIEF_WEAR_OFF, null, Symptom.NO_VALUE, k));
            }
        }
        if (draw.chance(SCORE_AT_FOLLOW_UP)) {
            int followUp = day + draw.between(28, 42);
            if (followUp <= lastDay) {
                double twstrsDrop = relieved ? draw.normal(TWSTRS_RELIEF_MEAN, TWSTRS_RELIEF_SD) : draw.normal(2, 3);
                double painDrop = relieved ? draw.normal(PAIN_RELIEF_MEAN, 1.2) : draw.normal(0.3, 1);
                scores.record(symptoms, followUp, k, twstrsDrop, painDrop, draw);
            }
        }
        sideEffects(k, day, lastDay, product, injections, draw, symptoms);
    }

    private static void sideEffects(int k, int day, int lastDay, Product product, List<Injection> injections,
                                    Draw draw, List<Symptom> symptoms) {
        boolean scm = false;
        boolean scmBilateral = false;
        boolean spleniusBilateral = false;
        boolean semispinalis = false;
        int total = 0;
        for (Injection injection : injections) {
            boolean bilateral = injection.side() == Side.BILATERAL;
            switch (injection.muscle()) {
                case STERNOCLEIDOMASTOID -> {
                    scm = true;
                    scmBilateral |= bilateral;
                }
                case SPLENIUS_CAPITIS -> spleniusBilateral |= bilateral;
                case SEMISPINALIS_CAPITIS -> semispinalis = true;
                default -> {
                }
            }
            total += injection.doseUnits();
        }
        // Higher doses (relative to the product's label maximum) bring more weakness and swallowing trouble;
        // the factor is about 1 at usual doses.
        double doseFactor = 0.5 + 0.75 * total / dosing(product).sessionMax();
        double dysphagia = DYSPHAGIA * (scm ? (scmBilateral ? DYSPHAGIA_BILATERAL_SCM_FACTOR : DYSPHAGIA_SCM_FACTOR) : 1) * doseFactor;
        double weakness = NECK_WEAKNESS * (spleniusBilateral ? NECK_WEAKNESS_BILATERAL_SPLENIUS_FACTOR : 1)
                * (semispinalis ? NECK_WEAKNESS_SEMISPINALIS_FACTOR : 1) * doseFactor;
        double dryMouth = product == Product.RIMABOTULINUMTOXIN_B ? DRY_MOUTH_RIMA : DRY_MOUTH_OTHER;
        sideEffect(AdverseEventTerm.DYSPHAGIA, dysphagia, laterOffset(draw), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.NECK_WEAKNESS, weakness, laterOffset(draw), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.DRY_MOUTH, dryMouth, laterOffset(draw), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.INJECTION_SITE_PAIN, INJECTION_SITE_PAIN, draw.between(0, 2), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.HEADACHE, HEADACHE, laterOffset(draw), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.FLU_LIKE_SYMPTOMS, FLU_LIKE, (int) Math.min(14, Math.max(1, Math.round(draw.logNormal(3, 0.5)))),
                k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.FATIGUE, FATIGUE, laterOffset(draw), k, day, lastDay, draw, symptoms);
        sideEffect(AdverseEventTerm.DYSPHONIA, DYSPHONIA * (scm ? 1.5 : 1), laterOffset(draw), k, day, lastDay, draw, symptoms);
    }

    /** Days from injection to a side effect: median 4, about 95% within two weeks, none after six. */
    private static int laterOffset(Draw draw) {
        return (int) Math.min(42, Math.max(1, Math.round(draw.logNormal(4, 0.75))));
    }

    private static void sideEffect(AdverseEventTerm term, double probability, int offset, int k, int day, int lastDay,
                                   Draw draw, List<Symptom> symptoms) {
        if (draw.chance(probability) && day + offset <= lastDay) {
            int grade = draw.chance(AE_GRADED) ? GRADE.pick(draw) : Symptom.NO_VALUE;
            symptoms.add(new Symptom(day + offset, SymptomKind.ADVERSE_EVENT, term.id(), grade, k));
        }
    }

    /** TWSTRS total (and usually pain NRS) on a day: near the patient's baseline, less the given improvement. */
    private record Scores(double twstrsBaseline, double painBaseline) {
        void record(List<Symptom> symptoms, int day, int session, double twstrsDrop, double painDrop, Draw draw) {
            int twstrs = (int) Math.round(clamp(twstrsBaseline - twstrsDrop + draw.normal(0, TWSTRS_VISIT_SD), 0, 87));
            symptoms.add(new Symptom(day, SymptomKind.SCORE, ScoreTerm.TWSTRS_TOTAL.id(), twstrs, session));
            if (draw.chance(PAIN_WITH_TWSTRS)) {
                int pain = (int) Math.round(clamp(painBaseline - painDrop + draw.normal(0, 1), 0, 10));
                symptoms.add(new Symptom(day, SymptomKind.SCORE, ScoreTerm.PAIN_NRS.id(), pain, session));
            }
        }
    }

    private List<PatternMuscle> patternMuscles(CdPattern pattern, Side direction, Draw draw) {
        int n = PATTERN_MUSCLES.size();
        boolean[] chosen = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (draw.chance(PATTERN_MUSCLES.get(i).frequency(pattern))) {
                chosen[i] = true;
                count++;
            }
        }
        for (; count < MIN_MUSCLES; count++) {
            chosen[pickUnchosen(chosen, pattern, draw)] = true;
        }
        for (int i = n - 1; i >= 0 && count > MAX_MUSCLES; i--) {
            if (chosen[i]) {
                chosen[i] = false;
                count--;
            }
        }
        List<PatternMuscle> muscles = new ArrayList<>(count);
        for (int i = 0; i < n; i++) {
            if (chosen[i]) {
                muscles.add(patternMuscle(PATTERN_MUSCLES.get(i), pattern, direction, draw));
            }
        }
        return List.copyOf(muscles);
    }

    /** An unchosen candidate, in proportion to its frequency in the pattern. */
    private static int pickUnchosen(boolean[] chosen, CdPattern pattern, Draw draw) {
        double sum = 0;
        for (int i = 0; i < chosen.length; i++) {
            sum += chosen[i] ? 0 : PATTERN_MUSCLES.get(i).frequency(pattern);
        }
        double u = draw.uniform() * sum;
        int last = -1;
        for (int i = 0; i < chosen.length; i++) {
            if (!chosen[i]) {
                last = i;
                u -= PATTERN_MUSCLES.get(i).frequency(pattern);
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private static PatternMuscle patternMuscle(Candidate candidate, CdPattern pattern, Side direction, Draw draw) {
        Muscle muscle = candidate.muscles().pick(draw);
        return new PatternMuscle(candidate, muscle, side(pattern, muscle, direction));
    }

    /**
     * The side a pattern implies. Turning the head to one side works the opposite sternocleidomastoid,
     * trapezius and scalenes and the same-side posterior muscles; a tilt works the same side; retro- and
     * antero- patterns work both sides; mixed patterns (rotation with extension) add the extensors on both sides.
     */
    static Side side(CdPattern pattern, Muscle muscle, Side direction) {
        boolean contralateral = switch (muscle) {
            case STERNOCLEIDOMASTOID, TRAPEZIUS, SCALENUS_ANTERIOR, SCALENUS_MEDIUS, SCALENUS_POSTERIOR -> true;
            default -> false;
        };
        boolean extensor = switch (muscle) {
            case SPLENIUS_CAPITIS, SPLENIUS_CERVICIS, SEMISPINALIS_CAPITIS, SEMISPINALIS_CERVICIS, LONGISSIMUS_CAPITIS -> true;
            default -> false;
        };
        Side opposite = direction == Side.LEFT ? Side.RIGHT : Side.LEFT;
        return switch (pattern) {
            case RETROCOLLIS, RETROCAPUT, ANTEROCOLLIS, ANTEROCAPUT -> Side.BILATERAL;
            case LATEROCOLLIS, LATEROCAPUT, SHIFT -> direction;
            case TORTICOLLIS, TORTICAPUT -> contralateral ? opposite : direction;
            case MIXED -> extensor ? Side.BILATERAL : contralateral ? opposite : direction;
        };
    }

    /** Injectors adjust: now and then a muscle is left out or one is added for a session. */
    private List<PatternMuscle> varied(List<PatternMuscle> pattern, CdPattern cdPattern, Side direction, Draw draw) {
        double u = draw.uniform();
        if (u < SESSION_LEAVES_ONE_OUT) {
            if (pattern.size() == MIN_MUSCLES) {
                return pattern;
            }
            List<PatternMuscle> fewer = new ArrayList<>(pattern);
            fewer.remove(draw.below(fewer.size()));
            return fewer;
        }
        if (u < SESSION_LEAVES_ONE_OUT + SESSION_ADDS_ONE && pattern.size() < MAX_MUSCLES) {
            boolean[] chosen = new boolean[PATTERN_MUSCLES.size()];
            for (PatternMuscle muscle : pattern) {
                chosen[PATTERN_MUSCLES.indexOf(muscle.candidate())] = true;
            }
            List<PatternMuscle> more = new ArrayList<>(pattern);
            more.add(patternMuscle(PATTERN_MUSCLES.get(pickUnchosen(chosen, cdPattern, draw)), cdPattern, direction, draw));
            return more;
        }
        return pattern;
    }

    /**
     * A patient's usual session total: normal, truncated to the label range by drawing again, so that totals do not
     * pile up on the range's ends as clamped draws did (1,515 sessions of exactly 100 U against 357 of 95 U).
     */
    private static double usualSessionTotal(Product product, Draw draw) {
        Dosing dosing = dosing(product);
        return Draw.within(dosing.sessionMin(), dosing.sessionMax(), () -> draw.normal(dosing.sessionMean(), dosing.sessionSd()));
    }

    /** A session's total: within 10 % of the patient's usual one, and within the label range (drawn again likewise). */
    private static double sessionTotal(double usualTotal, Dosing dosing, Draw draw) {
        return Draw.within(dosing.sessionMin(), dosing.sessionMax(), () -> usualTotal * draw.uniform(0.9, 1.1));
    }

    /** Shares the session total out by the muscles' dose weights, in the product's steps, within its row range. */
    private static List<Injection> injections(List<PatternMuscle> muscles, double total, Dosing dosing) {
        double weights = 0;
        for (PatternMuscle muscle : muscles) {
            weights += doseWeight(muscle);
        }
        int step = dosing.step();
        List<Injection> injections = new ArrayList<>(muscles.size());
        for (PatternMuscle muscle : muscles) {
            // a bilateral row doses both sides: at least a muscle's minimum on each
            boolean bilateral = muscle.side() == Side.BILATERAL;
            int min = bilateral ? 2 * dosing.rowMin() : dosing.rowMin();
            int max = bilateral ? (int) Math.round(dosing.rowMax() * 1.5 / step) * step : dosing.rowMax();
            long rounded = Math.round(total * doseWeight(muscle) / weights / step) * step;
            injections.add(new Injection(muscle.muscle(), muscle.side(), (int) Math.min(max, Math.max(min, rounded))));
        }
        return injections;
    }

    private static double doseWeight(PatternMuscle muscle) {
        return muscle.candidate().doseWeight() * (muscle.side() == Side.BILATERAL ? BILATERAL_DOSE_FACTOR : 1);
    }

    /** Days to the next session: 12-16 weeks, sometimes 10 or 20+; daxibotulinumtoxinA 20-28 weeks. */
    private static int interval(Product product, Draw draw) {
        double u = draw.uniform();
        if (product == Product.DAXIBOTULINUMTOXIN_A) {
            return u < 0.05 ? draw.between(112, 139) : u < 0.92 ? draw.between(140, 196) : draw.between(197, 252);
        }
        return u < 0.06 ? draw.between(68, 76) : u < 0.90 ? draw.between(84, 112) : draw.between(140, 200);
    }

    /** Mostly the patient's own site; often left empty; now and then another site of the clinic. */
    private String visitSite(String patientSite, Draw draw) {
        double u = draw.uniform();
        if (u < 0.65) {
            return patientSite;
        }
        if (u < 0.98 || plan.siteIds().size() == 1) {
            return null;
        }
        return plan.sites().pickOtherThan(patientSite, draw);
    }

    /**
     * Clinics inject on weekdays: a Saturday or Sunday moves to one of the five weekdays within three days of it, each
     * as likely, so every weekday holds a fifth of the visits (moving them all to the Monday put 43 % there).
     */
    private static int clinicDay(int epochDay, Draw draw) {
        if (!weekend(epochDay)) {
            return epochDay;
        }
        // the seven days from 3 before to 3 after hold each weekday once
        int weekday = draw.below(5);
        for (int day = epochDay - 3; ; day++) {
            if (!weekend(day) && weekday-- == 0) {
                return day;
            }
        }
    }

    private static boolean weekend(int epochDay) {
        return Math.floorMod(epochDay + 3, 7) >= 5; // 0 = Monday; 1970-01-01 was a Thursday
    }

    /**
     * As {@link #clinicDay}, within the period: a weekend day at its edge whose move would leave it takes the nearest
     * weekday inside it (leaving it on the weekend opened the clinic on the period's first weekend alone); a period of
     * weekend days only keeps it.
     */
    private int clinicDayWithinPeriod(int epochDay, Draw draw) {
        int moved = clinicDay(epochDay, draw);
        if (moved >= plan.from() && moved <= plan.to()) {
            return moved;
        }
        for (int day = epochDay; day <= plan.to(); day++) {
            if (!weekend(day)) {
                return day;
            }
        }
        for (int day = epochDay; day >= plan.from(); day--) {
            if (!weekend(day)) {
                return day;
            }
        }
        return epochDay;
    }

    static String pad(int value, int width) {
        String digits = Integer.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder padded = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
