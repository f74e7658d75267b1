# Expected figures of AnalysisAgainstRTests (the five-patient clinic typed in that test), from R's survival package.
# The cycles, their event/censoring times, groups and side-effect terms were worked out by hand from analytics.md
# (cutoff 2025-12-31, 28-day window, 180 days of follow-up); R computes the statistics.
# Run from this folder: Rscript fixture-clinic.R > fixture-clinic.expected
source("figures.R")
d <- function(a, b) as.numeric(as.Date(b) - as.Date(a))

# Time to onset per cycle: product, muscle groups, time, status (1 = onset).
onset <- rbind(
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid;trapezius", t = d("2025-01-01", "2025-01-05"), s = 1),  # P1 c1
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid;trapezius", t = d("2025-04-01", "2025-04-08"), s = 1),  # P1 c2
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid", t = d("2025-07-01", "2025-07-04"), s = 1),            # P1 c3 (lost)
  data.frame(p = "abobotulinumtoxinA", g = "levator_scapulae;splenius_capitis", t = d("2025-02-01", "2025-02-10"), s = 1),  # P2 c1
  data.frame(p = "abobotulinumtoxinA", g = "levator_scapulae;splenius_capitis", t = d("2025-05-01", "2025-05-12"), s = 1),  # P2 c2
  data.frame(p = "abobotulinumtoxinA", g = "splenius_capitis", t = d("2025-08-01", "2025-08-03"), s = 1),               # P2 c3
  data.frame(p = "abobotulinumtoxinA", g = "splenius_capitis", t = d("2025-11-01", "2025-11-15"), s = 1),               # P2 c4 (young)
  data.frame(p = "onabotulinumtoxinA", g = "splenius_capitis;sternocleidomastoid", t = d("2025-03-01", "2025-06-10"), s = 0),  # P3 c1, no onset
  data.frame(p = "onabotulinumtoxinA", g = "splenius_capitis;sternocleidomastoid", t = d("2025-06-10", "2025-06-20"), s = 1),  # P3 c2 (lost)
  data.frame(p = "abobotulinumtoxinA", g = "trapezius", t = d("2025-12-15", "2025-12-20"), s = 1),                      # P4 c1 (young)
  data.frame(p = "incobotulinumtoxinA", g = "sternocleidomastoid", t = d("2025-01-15", "2025-01-16"), s = 1),           # P5 c1
  data.frame(p = "incobotulinumtoxinA", g = "sternocleidomastoid", t = 0, s = 1))                                       # P5 c2, onset on the injection day

# Duration of relief per cycle with onset.
duration <- rbind(
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid;trapezius", t = d("2025-01-05", "2025-03-20"), s = 1),
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid;trapezius", t = d("2025-04-08", "2025-07-01"), s = 1),  # wear-off on reinjection day
  data.frame(p = "onabotulinumtoxinA", g = "sternocleidomastoid", t = 0, s = 0),                                        # lost: last contact is the onset
  data.frame(p = "abobotulinumtoxinA", g = "levator_scapulae;splenius_capitis", t = d("2025-02-10", "2025-04-20"), s = 1),
  data.frame(p = "abobotulinumtoxinA", g = "levator_scapulae;splenius_capitis", t = d("2025-05-12", "2025-08-01"), s = 0),
  data.frame(p = "abobotulinumtoxinA", g = "splenius_capitis", t = d("2025-08-03", "2025-10-25"), s = 1),
  data.frame(p = "abobotulinumtoxinA", g = "splenius_capitis", t = d("2025-11-15", "2025-12-31"), s = 0),
  data.frame(p = "onabotulinumtoxinA", g = "splenius_capitis;sternocleidomastoid", t = d("2025-06-20", "2025-09-01"), s = 1),
  data.frame(p = "abobotulinumtoxinA", g = "trapezius", t = d("2025-12-20", "2025-12-31"), s = 0),
  data.frame(p = "incobotulinumtoxinA", g = "sternocleidomastoid", t = d("2025-01-16", "2025-04-10"), s = 1),
  data.frame(p = "incobotulinumtoxinA", g = "sternocleidomastoid", t = d("2025-04-15", "2025-07-30"), s = 1))

# Counted cycles for side effects (P4's cycle is not: its window ends after the cutoff): groups and terms in window.
ae <- data.frame(
  g = c("sternocleidomastoid;trapezius", "sternocleidomastoid;trapezius", "sternocleidomastoid",
        "levator_scapulae;splenius_capitis", "levator_scapulae;splenius_capitis", "splenius_capitis", "splenius_capitis",
        "splenius_capitis;sternocleidomastoid", "splenius_capitis;sternocleidomastoid", "sternocleidomastoid",
        "sternocleidomastoid"),
  terms = c("dysphagia", "", "", "", "neck_weakness", "", "neck_weakness", "", "dysphagia;injection_site_pain",
            "dysphagia", "dysphagia"))

survival_figures(onset, duration)

side_effect_figures(ae)

doses <- list(
  "onabotulinumtoxinA.sternocleidomastoid" = list(cycles = 5, units = c(50, 50, 40, 30, 30)),
  "onabotulinumtoxinA.trapezius" = list(cycles = 2, units = c(60, 80)),
  "onabotulinumtoxinA.splenius_capitis" = list(cycles = 2, units = c(40, 40)),
  "abobotulinumtoxinA.splenius_capitis" = list(cycles = 4, units = c(300, 300, 350, 350)),
  "abobotulinumtoxinA.levator_scapulae" = list(cycles = 2, units = c(200, 250)),
  "abobotulinumtoxinA.trapezius" = list(cycles = 1, units = c(200)),
  "incobotulinumtoxinA.sternocleidomastoid" = list(cycles = 2, units = c(60, 60)))
dosing_figures(doses)

# Counted by hand: 5 patients, 12 cycles; a neck weakness naming visit 1 in P2's second cycle, P3's wear-off
# before any onset, the adverse event of P6 (no injection).
out("cohort.patients", 5); out("cohort.cycles", 12)
out("data_quality.VISIT_ID_MISMATCH", 1); out("data_quality.WEAR_OFF_WITHOUT_ONSET", 1); out("data_quality.RECORDS_WITHOUT_CYCLE", 1)
