# Kaplan-Meier reference values from R survival::survfit(conf.type = "log-log") and quantile.survfit.
# km_summaries.csv holds analytics.md's quantile rule (written out below); r_median_ci_* are quantile.survfit's,
# identical except on nonmonotone_upper_band (see there).
# Run from this folder: Rscript km_reference.R  (writes km_fixtures.csv, km_curves.csv, km_summaries.csv,
# km_survival_at.csv)
suppressMessages(library(survival))
source("common.R")

set.seed(20261124)
random_time <- round(rexp(200, 1 / 40))
random_censor <- round(runif(200, 0, 120))

fixtures <- list(
  aml_maintained = with(subset(aml, x == "Maintained"), list(time = time, status = status)),
  aml_nonmaintained = with(subset(aml, x == "Nonmaintained"), list(time = time, status = status)),
  aml_all = list(time = aml$time, status = aml$status),
  # events and censorings tied on the same days
  ties = list(time = c(2, 2, 2, 3, 3, 5, 5, 5, 8, 8, 9, 12), status = c(1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1)),
  # S = 0.75, 0.5, 0.25 exactly, each followed by a later drop: every quantile is a midpoint
  exact_levels_then_drop = list(time = c(1, 2, 3, 4), status = c(1, 1, 1, 1)),
  # S = 0.5 exactly and never lower: median is the midpoint with the last (censoring) time
  # S = 0.75, 0.5, 0.25 in exact arithmetic, computed 1-2 ulps below them: the tolerance makes them midpoints
  levels_rounded_below = list(time = 1:20, status = rep(1, 20)),
  half_at_end = list(time = c(1, 2, 3, 4), status = c(1, 1, 0, 0)),
  half_at_end_tied_censor = list(time = c(1, 1, 3, 3), status = c(1, 1, 0, 0)),
  half_then_censor_then_zero = list(time = c(1, 2, 3, 5), status = c(1, 1, 0, 1)),
  all_censored = list(time = c(3, 5, 5, 9), status = c(0, 0, 0, 0)),
  single_event = list(time = 4, status = 1),
  single_censored = list(time = 4, status = 0),
  censored_before_first_event = list(time = c(1, 1, 2, 4, 4, 6, 7), status = c(0, 0, 1, 1, 0, 1, 0)),
  events_at_day_zero = list(time = c(0, 0, 0, 1, 2, 3, 3), status = c(1, 1, 0, 1, 1, 0, 1)),
  # S falls to 0 (band undefined there): the upper band never reaches 0.5 before it
  falls_to_zero = list(time = c(1, 2, 3, 4, 5), status = c(1, 1, 1, 1, 1)),
  falls_to_zero_with_ties = list(time = c(1, 2, 2, 3, 4, 4, 4), status = c(1, 1, 0, 1, 1, 1, 1)),
  # the upper band is 0.4941 at day 60, then rises to 0.4953 at day 62 (3 at risk): analytics.md takes the first
  # time at or below 0.5 (60); quantile.survfit's approx() sorts the band values and takes 62
  nonmonotone_upper_band = list(time = c(1:60, rep(61, 37), 62, 63, 63), status = c(rep(1, 60), rep(0, 37), 1, 0, 0)),
  random_200 = list(time = pmin(random_time, random_censor), status = as.integer(random_time <= random_censor))
)

spec_quantile <- function(time, value, level, last, tol = 1.5e-8) {
  # analytics.md's rule, written out: first time with value <= level + tol, midpoint when equal within tol.
  ok <- !is.na(value)
  i1 <- which(ok & value <= level + tol)[1]
  if (is.na(i1)) return(NA_real_)
  if (value[i1] < level - tol) return(time[i1])
  later <- which(ok & seq_along(value) > i1 & value < level - tol)[1]
  if (is.na(later)) (time[i1] + last) / 2 else (time[i1] + time[later]) / 2
}

inputs <- NULL
at_days <- NULL
curves <- NULL
summaries <- NULL
for (name in names(fixtures)) {
  fx <- fixtures[[name]]
  inputs <- rbind(inputs, data.frame(fixture = name, day = as.integer(fx$time), event = as.integer(fx$status)))
  fit <- survfit(Surv(fx$time, fx$status) ~ 1, conf.type = "log-log")
  curves <- rbind(curves, data.frame(fixture = name, day = as.integer(fit$time), at_risk = as.integer(fit$n.risk),
    events = as.integer(fit$n.event), censored = as.integer(fit$n.censor), survival = fit$surv,
    std_err = fit$std.err, lower = fit$lower, upper = fit$upper))
  # S at every day from 0 to two past the last time: summary() gives S before the first time, nothing after the last
  days <- 0:(max(fit$time) + 2)
  at <- summary(fit, times = days, extend = FALSE)
  at_days <- rbind(at_days, data.frame(fixture = name, day = days,
    survival = ifelse(days %in% at$time, at$surv[match(days, at$time)], NA_real_)))
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75))
  last <- max(fit$time)
  # Spec: the band is [1, 1] where S = 1 (R leaves it NA there; it cannot change a quantile at level < 1).
  lower <- ifelse(fit$surv == 1, 1, fit$lower)
  upper <- ifelse(fit$surv == 1, 1, fit$upper)
  spec <- c(spec_quantile(fit$time, fit$surv, 0.5, last), spec_quantile(fit$time, lower, 0.5, last),
            spec_quantile(fit$time, upper, 0.5, last), spec_quantile(fit$time, fit$surv, 0.75, last),
            spec_quantile(fit$time, fit$surv, 0.25, last))
  r <- unname(c(q$quantile[2], q$lower[2], q$upper[2], q$quantile[1], q$quantile[3]))
  if (!identical(spec, r) && name != "nonmonotone_upper_band") {
    stop("spec rule and quantile.survfit differ on ", name, ": ", toString(spec), " vs ", toString(r))
  }
  summaries <- rbind(summaries, data.frame(fixture = name, n = fit$n, events = as.integer(sum(fit$n.event)),
    censored = as.integer(sum(fit$n.censor)), median = spec[1], median_ci_lower = spec[2], median_ci_upper = spec[3],
    q1 = spec[4], q3 = spec[5], r_median_ci_lower = r[2], r_median_ci_upper = r[3]))
}
write_rows(inputs, "km_fixtures.csv")
write_rows(curves, "km_curves.csv")
write_rows(at_days, "km_survival_at.csv")
write_rows(summaries, "km_summaries.csv")
print(summaries)
