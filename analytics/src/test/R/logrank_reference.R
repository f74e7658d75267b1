# Log-rank reference values from R survival::survdiff (rho = 0).
# Run from this folder: Rscript logrank_reference.R  (writes logrank_fixtures.csv, logrank_expected.csv)
# Where survdiff cannot give a statistic the expected values say what analytics.md asks instead:
# solve() fails on a singular variance matrix -> chi_square and p_value NA; fewer than two groups with
# expected > 0 -> all NA (survdiff itself reports chisq 0 on df 0 or -1 there).
suppressMessages(library(survival))
source("common.R")

set.seed(7)
random_groups <- function(sizes, rates) {
  g <- rep(seq_along(sizes), sizes)
  t <- round(rexp(length(g), rates[g]))
  c <- round(runif(length(g), 0, 90))
  data.frame(group = LETTERS[g], time = pmin(t, c), status = as.integer(t <= c))
}

fixtures <- list(
  aml = data.frame(group = ifelse(aml$x == "Maintained", "A", "B"), time = aml$time, status = aml$status),
  three_groups = random_groups(c(40, 55, 30), c(1 / 20, 1 / 30, 1 / 25)),
  # group C is censored before the first death: expected 0, dropped, df 1
  expected_zero_dropped = data.frame(group = c("A", "A", "A", "B", "B", "B", "C", "C"),
    time = c(2, 4, 6, 3, 5, 5, 1, 1), status = c(1, 1, 0, 1, 1, 0, 0, 0)),
  # every subject at risk at the only death time dies: the variance matrix is 0
  singular_two = data.frame(group = c("A", "A", "B", "B"), time = c(5, 5, 3, 5), status = c(1, 1, 0, 1)),
  singular_three = data.frame(group = c("A", "B", "C", "C"), time = c(7, 7, 7, 7), status = c(1, 1, 1, 1)),
  # B is censored before any death: one group remains
  one_group_left = data.frame(group = c("A", "A", "B"), time = c(3, 4, 2), status = c(1, 1, 0)),
  deaths_at_day_zero = data.frame(group = c("A", "A", "A", "B", "B", "B", "B"),
    time = c(0, 0, 2, 0, 1, 3, 3), status = c(1, 1, 1, 0, 1, 1, 0)),
  large_four_groups = random_groups(c(6000, 4000, 300, 5000), c(1 / 20, 1 / 22, 1 / 15, 1 / 21)),
  # a p-value far in the tail: only an upper-tail computation keeps its digits
  large_strong_difference = random_groups(c(3000, 3000), c(1 / 10, 1 / 30))
)

inputs <- NULL
expected <- NULL
for (name in names(fixtures)) {
  fx <- fixtures[[name]]
  inputs <- rbind(inputs, data.frame(fixture = name, group = fx$group, day = as.integer(fx$time),
    event = as.integer(fx$status)))
  fit <- survival:::survdiff.fit(Surv(fx$time, fx$status), fx$group)
  remaining <- sum(fit$expected > 0)
  test <- tryCatch(survdiff(Surv(time, status) ~ group, data = fx), error = function(e) NULL)
  if (remaining < 2) {
    row <- data.frame(chi_square = NA_real_, df = NA_integer_, p_value = NA_real_)
  } else if (is.null(test)) {
    row <- data.frame(chi_square = NA_real_, df = as.integer(remaining - 1), p_value = NA_real_)
  } else {
    row <- data.frame(chi_square = test$chisq, df = as.integer(remaining - 1), p_value = test$pvalue)
  }
  expected <- rbind(expected, cbind(data.frame(fixture = name), row))
}
write_rows(inputs, "logrank_fixtures.csv")
write_rows(expected, "logrank_expected.csv")
print(expected, digits = 10)
