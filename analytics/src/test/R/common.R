# Shared by the reference scripts: full-precision CSV output (write.csv keeps only 15 digits).
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

write_rows <- function(df, file) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- num(df[[col]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
