# Expected figures of AnalysisAgainstRTests (the five-patient clinic typed in that test), from R's survival package.
# The cycles, their event/censoring times, groups and side-effect terms were worked out by hand from analytics.md
# (cutoff 2025-12-31, 28-day window, 180 days of follow-up); R computes the statistics.
# Run from this folder: Rscript fixture-clinic.R > fixture-clinic.expected
suppressPackageStartupMessages(library(survival))
options(warn = -1)  # prop.test warns that its chi-square approximation is rough; only its Wilson interval is used
d <- function(a, b) as.numeric(as.Date(b) - as.Date(a))
z <- 1.959963984540054

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

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "null" else format(x, digits = 17)
out <- function(key, x) cat(key, "=", num(x), "\n", sep = "")
has <- function(field, value) sapply(strsplit(field, ";"), function(v) value %in% v)

km <- function(metric, by, value, data) {
  fit <- survfit(Surv(t, s) ~ 1, data = data, conf.type = "log-log")
  key <- paste(metric, by, value, sep = ".")
  out(paste0(key, ".n"), nrow(data)); out(paste0(key, ".events"), sum(data$s)); out(paste0(key, ".censored"), sum(1 - data$s))
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  out(paste0(key, ".q1"), q$quantile[1]); out(paste0(key, ".median"), q$quantile[2]); out(paste0(key, ".q3"), q$quantile[3])
  out(paste0(key, ".median_ci_lower"), q$lower[2]); out(paste0(key, ".median_ci_upper"), q$upper[2])
  for (i in seq_along(fit$time)) {
    ck <- paste0(key, ".curve.", fit$time[i])
    out(paste0(ck, ".at_risk"), fit$n.risk[i]); out(paste0(ck, ".events"), fit$n.event[i]); out(paste0(ck, ".censored"), fit$n.censor[i])
    out(paste0(ck, ".survival"), fit$surv[i])
    # analytics.md: the band is [1, 1] where S is 1 (R gives NA there) and undefined (null) where S is 0.
    lower <- if (fit$surv[i] == 1) 1 else if (fit$surv[i] == 0) NA else fit$lower[i]
    upper <- if (fit$surv[i] == 1) 1 else if (fit$surv[i] == 0) NA else fit$upper[i]
    out(paste0(ck, ".ci_lower"), lower); out(paste0(ck, ".ci_upper"), upper)
  }
  if (metric == "duration_of_relief") {
    for (w in c(8, 12, 16)) {
      share <- if (7 * w > max(data$t)) NA else summary(fit, times = 7 * w)$surv
      out(paste0("relief.", by, ".", value, ".week", w), share)
    }
  }
}

strata <- function(metric, data) {
  km(metric, "all", "all", data)
  for (g in sort(unique(unlist(strsplit(data$g, ";"))))) km(metric, "muscle_group", g, data[has(data$g, g), ])
  for (p in sort(unique(data$p))) km(metric, "product", p, data[data$p == p, ])
  lr <- survdiff(Surv(t, s) ~ p, data = data)
  df <- sum(lr$exp > 0) - 1
  out(paste0("comparison.", metric, ".chi_square"), lr$chisq); out(paste0("comparison.", metric, ".df"), df)
  out(paste0("comparison.", metric, ".p_value"), pchisq(lr$chisq, df, lower.tail = FALSE))
}
strata("time_to_onset", onset)
strata("duration_of_relief", duration)

terms <- sort(unique(unlist(strsplit(ae$terms[ae$terms != ""], ";"))))
for (g in c("any", sort(unique(unlist(strsplit(ae$g, ";")))))) {
  exposed <- if (g == "any") rep(TRUE, nrow(ae)) else has(ae$g, g)
  for (term in c("any", terms)) {
    event <- if (term == "any") ae$terms != "" else has(ae$terms, term)
    a <- sum(exposed & event); n1 <- sum(exposed); b <- sum(!exposed & event); n0 <- sum(!exposed)
    key <- paste("side_effects", g, term, sep = ".")
    out(paste0(key, ".exposed_cycles"), n1); out(paste0(key, ".exposed_events"), a)
    w <- prop.test(a, n1, correct = FALSE, conf.level = 0.95)
    out(paste0(key, ".rate"), a / n1)
    out(paste0(key, ".ci_lower"), if (a == 0) 0 else w$conf.int[1]); out(paste0(key, ".ci_upper"), if (a == n1) 1 else w$conf.int[2])
    if (n0 == 0) {
      out(paste0(key, ".unexposed_cycles"), if (g == "any") NA else 0); out(paste0(key, ".unexposed_events"), if (g == "any") NA else 0)
      for (f in c("relative_risk", "rr_ci_lower", "rr_ci_upper", "fisher_p")) out(paste0(key, ".", f), NA)
    } else {
      out(paste0(key, ".unexposed_cycles"), n0); out(paste0(key, ".unexposed_events"), b)
      ca <- a; cb <- b; c1 <- n1; c0 <- n0
      if (a == 0 || b == 0) { ca <- a + 0.5; cb <- b + 0.5; c1 <- n1 + 1; c0 <- n0 + 1 }
      rr <- (ca / c1) / (cb / c0); se <- sqrt(1 / ca - 1 / c1 + 1 / cb - 1 / c0)
      out(paste0(key, ".relative_risk"), rr); out(paste0(key, ".rr_ci_lower"), rr * exp(-z * se)); out(paste0(key, ".rr_ci_upper"), rr * exp(z * se))
      out(paste0(key, ".fisher_p"), fisher.test(matrix(c(a, n1 - a, b, n0 - b), 2, byrow = TRUE))$p.value)
    }
  }
}

doses <- list(
  "onabotulinumtoxinA.sternocleidomastoid" = list(cycles = 5, units = c(50, 50, 40, 30, 30)),
  "onabotulinumtoxinA.trapezius" = list(cycles = 2, units = c(60, 80)),
  "onabotulinumtoxinA.splenius_capitis" = list(cycles = 2, units = c(40, 40)),
  "abobotulinumtoxinA.splenius_capitis" = list(cycles = 4, units = c(300, 300, 350, 350)),
  "abobotulinumtoxinA.levator_scapulae" = list(cycles = 2, units = c(200, 250)),
  "abobotulinumtoxinA.trapezius" = list(cycles = 1, units = c(200)),
  "incobotulinumtoxinA.sternocleidomastoid" = list(cycles = 2, units = c(60, 60)))
for (k in names(doses)) {
  out(paste0("dosing.", k, ".cycles"), doses[[k]]$cycles)
  q <- quantile(doses[[k]]$units, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
  out(paste0("dosing.", k, ".median"), q[1]); out(paste0("dosing.", k, ".q1"), q[2]); out(paste0("dosing.", k, ".q3"), q[3])
}
