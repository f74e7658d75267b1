# Sample quantile reference values from R quantile(type = 7).
# Run from this folder: Rscript quantiles_reference.R  (writes quantiles_expected.csv)
# Each sample is listed as value:count pairs, the form of the histogram variant; R sees rep(value, count).
source("common.R")

set.seed(11)
doses <- table(round(rnorm(100000, 150, 40) / 2.5) * 2.5)

samples <- list(
  one = c("5" = 1),
  two = c("1" = 1, "4" = 1),
  four = c("1" = 1, "2" = 1, "3" = 1, "4" = 1),
  ties = c("50" = 2, "100" = 3, "150" = 1, "200" = 1),
  fractional = c("0.1" = 1, "0.2" = 1, "0.30000000000000004" = 1, "37.5" = 4, "1e6" = 1),
  clinic_doses = setNames(as.vector(doses), names(doses))
)
probs <- c(0, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.99, 1)

rows <- NULL
for (name in names(samples)) {
  s <- samples[[name]]
  x <- rep(as.numeric(names(s)), s)
  rows <- rbind(rows, data.frame(sample = name, p = probs, value = unname(quantile(x, probs, type = 7))))
}
counts <- NULL
for (name in names(samples)) {
  s <- samples[[name]]
  counts <- rbind(counts, data.frame(sample = name, value = as.numeric(names(s)), count = as.integer(s)))
}
write_rows(counts, "quantiles_samples.csv")
write_rows(rows, "quantiles_expected.csv")
print(rows[rows$sample != "clinic_doses", ], digits = 17)
