package org.cdoutcomes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small clinic written by hand, with the figures analytics.md gives for it worked out by hand in the comments
 * (and, for the Kaplan-Meier intervals and the Wilson interval, by R: survival::survfit with conf.type = "log-log",
 * prop.test(correct = FALSE)).
 *
 * <pre>
 * patient site   sessions (product: muscles)                        cycles (s..e, as_of 2025-08-15, follow-up 180)
 * P1      north  01-10 Botox: SCM+splenius, 04-10 Botox: splenius,  C1 01-10..04-10, C2 04-10..07-10,
 *                07-10 Botox: splenius (visit site south)           C3 07-10..08-15 (open, 36 days: in follow-up)
 * P2      south  02-01 Dysport: trapezius, 05-01 Dysport: trap+SCM  C1 02-01..05-01, C2 05-01..08-15 (106 days)
 * P3      (main) 03-01 Botox: SCM, 06-01 Botox: SCM                 C1 03-01..06-01, C2 06-01..08-15 (75 days)
 * P4      north  01-20 Dysport: levator scapulae                    C1 01-20..04-01 (207 days: lost, last contact 04-01)
 *
 * onset (days): P1 5, 7, 4; P2 10, none (censored 106); P3 3, 5; P4 6     -> n 8, events 7, median 5.5 (S = 0.5 at
 *   5 exactly: midpoint of 5 and 6), q1 4.5, q3 8.5; R: median CI 3..10
 * duration: P1C1 85 (wear-off on the next injection day belongs to C1), P1C2 censored 84, P1C3 censored 32,
 *   P2C1 68, P3C1 77, P3C2 censored 70, P4C1 65                          -> n 7, events 4, median 77; R: CI 65..null
 * side effects, all 8 cycles counted (P4C1 and the open ones are past their 28-day window): dysphagia in P1C1, P2C2,
 *   P3C2; neck weakness in P2C1 -> any/any 4 of 8; SCM-exposed cycles P1C1, P2C2, P3C1, P3C2 -> SCM/dysphagia 3 of 4,
 *   unexposed 0 of 4: RR (3.5/5)/(0.5/5) = 7, Fisher p = 8/56 = 1/7
 * data quality: P1's 04-17 onset names visit V11 but lies in V12's cycle (VISIT_ID_MISMATCH 1); P2's 06-15 wear-off
 *   in a cycle without onset (WEAR_OFF_WITHOUT_ONSET 1); P4's 01-05 onset before the first injection
 *   (RECORDS_WITHOUT_CYCLE 1)
 * </pre>
 */
public final class HandClinic {
    public static final String AS_OF = "2025-08-15";

    private HandClinic() {
    }

    /** Writes patients.csv, visits.csv and symptoms.csv into the folder and returns it. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("patients.csv"), List.of(
                "patient_id,site_id,sex,birth_year",
                "P1,north,F,1970",
                "P2,south,M,1965",
                "P3,,F,1980",
                "P4,north,X,1955"));
        Files.write(folder.resolve("visits.csv"), List.of(
                "visit_id,patient_id,visit_date,product,muscle,side,dose_units,site_id",
                "V11,P1,2025-01-10,Botox,SCM,left,50,",
                "V11,P1,2025-01-10,Botox,splenius,right,60,",
                "V12,P1,2025-04-10,Botox,splenius,right,60,",
                "V13,P1,2025-07-10,Botox,splenius,right,60,south",
                "V21,P2,2025-02-01,Dysport,trapezius,B,300,",
                "V22,P2,2025-05-01,Dysport,trapezius,B,300,",
                "V22,P2,2025-05-01,Dysport,SCM,R,200,",
                "V31,P3,2025-03-01,Botox,sternocleidomastoid,right,40,",
                "V32,P3,2025-06-01,Botox,sternocleidomastoid,right,40,",
                "V41,P4,2025-01-20,Dysport,levator scapulae,left,250,"));
        Files.write(folder.resolve("symptoms.csv"), List.of(
                "record_id,patient_id,recorded_on,kind,term,value,visit_id,source",
                ",P1,2025-01-15,relief_onset,,,,patient_diary",
                ",P1,2025-04-10,relief_wear_off,,,,patient_diary",
                ",P1,2025-01-25,adverse_event,dysphagia,2,,clinician",
                ",P1,2025-04-17,relief_onset,,,V11,phone",
                ",P1,2025-07-14,relief_onset,,,,",
                ",P1,2025-08-15,score,twstrs_total,30,,clinician",
                ",P2,2025-02-11,relief_onset,,,,",
                ",P2,2025-04-20,relief_wear_off,,,,",
                ",P2,2025-02-10,adverse_event,neck weakness,1,,",
                ",P2,2025-05-20,adverse_event,swallowing difficulty,,,",
                ",P2,2025-06-15,relief_wear_off,,,,",
                ",P3,2025-03-04,relief_onset,,,,",
                ",P3,2025-05-20,relief_wear_off,,,,",
                ",P3,2025-06-06,relief_onset,,,,",
                ",P3,2025-06-10,adverse_event,dysphagia,,,",
                ",P4,2025-01-05,relief_onset,,,,",
                ",P4,2025-01-26,relief_onset,,,,",
                ",P4,2025-04-01,relief_wear_off,,,,"));
        return folder;
    }

    /** A symptoms file that breaks rules: a date that does not exist, an unknown kind, and a column no format has. */
    public static Path writeDirty(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, List.of(
                "record_id,patient_id,recorded_on,kind,term,value,visit_id,source,note",
                ",P1,2025-02-30,relief_onset,,,,,typed late",
                ",P2,2025-03-01,relief_maybe,,,,,unsure"));
        return file;
    }
}
