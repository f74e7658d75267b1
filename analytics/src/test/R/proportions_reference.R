# Rate, relative risk and Fisher reference values for 2x2 tables: exposed a of n1, unexposed b of n0.
# Run from this folder: Rscript proportions_reference.R  (writes proportions_expected.csv)
# Wilson: prop.test(a, n1, correct = FALSE)$conf.int. Fisher: fisher.test(table)$p.value.
# Relative risk: R has no base function; Katz's log interval written out from analytics.md.
source("common.R")

tables <- data.frame(
  name = c("typical", "a_zero", "b_zero", "both_zero", "a_all", "single_cycle", "one_of_one",
           "symmetric_tie", "tie_in_probability", "small_p", "all_events_both",
           "large", "large_tail", "large_a_zero", "large_400k"),
  a = c(12, 0, 4, 0, 30, 1, 1, 2, 3, 50, 8, 120, 5400, 0, 31000),
  n1 = c(200, 50, 40, 30, 30, 1, 1, 4, 10, 100, 8, 100000, 200000, 100000, 400000),
  b = c(9, 7, 0, 0, 12, 0, 1, 2, 7, 5, 5, 95, 4800, 5, 29000),
  n0 = c(280, 60, 55, 45, 40, 3, 2, 4, 10, 100, 5, 120000, 180000, 150000, 380000)
)

katz <- function(a, n1, b, n0) {
  if (a == 0 || b == 0) { a <- a + 0.5; b <- b + 0.5; n1 <- n1 + 1; n0 <- n0 + 1 }
  log_rr <- log((a / n1) / (b / n0))
  se <- sqrt(1 / a - 1 / n1 + 1 / b - 1 / n0)
  z <- qnorm(0.975)
  exp(c(log_rr, log_rr - z * se, log_rr + z * se))
}

rows <- NULL
for (i in seq_len(nrow(tables))) {
  t <- tables[i, ]
  w <- suppressWarnings(prop.test(t$a, t$n1, correct = FALSE))
  rr <- katz(t$a, t$n1, t$b, t$n0)
  p <- fisher.test(matrix(c(t$a, t$b, t$n1 - t$a, t$n0 - t$b), 2))$p.value
  rows <- rbind(rows, data.frame(name = t$name, a = t$a, n1 = t$n1, b = t$b, n0 = t$n0,
    rate = unname(w$estimate), ci_lower = w$conf.int[1], ci_upper = w$conf.int[2],
    relative_risk = rr[1], rr_ci_lower = rr[2], rr_ci_upper = rr[3], fisher_p = p))
}
for (col in c("a", "n1", "b", "n0")) rows[[col]] <- as.integer(rows[[col]])
write_rows(rows, "proportions_expected.csv")
print(rows, digits = 10)
