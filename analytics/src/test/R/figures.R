# Figures of analytics.md and report.md from per-cycle data, written as key=value lines that the Java tests
# flatten their results into (see FlatFigures.java). Sourced by the fixture scripts of this folder.
suppressPackageStartupMessages(library(survival))
options(warn = -1)  # prop.test warns that its chi-square approximation is rough; only its Wilson interval is used
Sys.setlocale("LC_COLLATE", "C")
z <- 1.959963984540054

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
  if (length(unique(data$p)) < 2) return(invisible())
  lr <- survdiff(Surv(t, s) ~ p, data = data)
  df <- sum(lr$exp > 0) - 1
  out(paste0("comparison.", metric, ".chi_square"), lr$chisq); out(paste0("comparison.", metric, ".df"), df)
  out(paste0("comparison.", metric, ".p_value"), pchisq(lr$chisq, df, lower.tail = FALSE))
}

# onset, duration: data frames of p (product), g (groups joined by ";"), t (days), s (1 = event).
survival_figures <- function(onset, duration) {
  if (nrow(onset) > 0) strata("time_to_onset", onset)
  if (nrow(duration) > 0) strata("duration_of_relief", duration)
}

# ae: counted cycles, g (groups joined by ";") and terms (joined by ";", "" for none).
side_effect_figures <- function(ae) {
  if (nrow(ae) == 0) return(invisible())
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
}

# doses: a list named "product.muscle" of list(cycles, units).
dosing_figures <- function(doses) {
  for (k in names(doses)) {
    out(paste0("dosing.", k, ".cycles"), doses[[k]]$cycles)
    q <- quantile(doses[[k]]$units, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
    out(paste0("dosing.", k, ".median"), q[1]); out(paste0("dosing.", k, ".q1"), q[2]); out(paste0("dosing.", k, ".q3"), q[3])
  }
}
