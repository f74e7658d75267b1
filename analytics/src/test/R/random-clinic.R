# A generated clinic with the awkward cases of analytics.md (same-day visits of different products and sites,
# wear-offs on reinjection days or before onset, records before the first injection or after the cutoff, stray
# visit ids, lost and young patients), and its figures from an independent implementation in R of the cycle rules.
# RandomClinicAgainstRTests reads the CSVs, runs the analyzer, and compares with the .expected files.
# Run from this folder: Rscript random-clinic.R   (writes random-clinic/*.csv and random-clinic/*.expected)
source("figures.R")
set.seed(20261124)
as_of <- as.Date("2025-12-31")
products <- c("onabotulinumtoxinA", "abobotulinumtoxinA", "incobotulinumtoxinA")
group_of <- c(sternocleidomastoid = "sternocleidomastoid", splenius_capitis = "splenius_capitis", trapezius = "trapezius",
              levator_scapulae = "levator_scapulae", scalenus_anterior = "scalenes", scalenus_medius = "scalenes")
terms <- c("dysphagia", "neck_weakness", "headache")

visits <- list(); symptoms <- list(); patients <- list()
for (p in 1:160) {
  pid <- sprintf("CD-%04d", p)
  psite <- sample(c("north", "south", ""), 1)
  patients[[p]] <- data.frame(patient_id = pid, site_id = psite)
  n <- sample(0:6, 1)
  day <- as.Date("2024-09-01") + sample(0:420, 1)
  sessions <- if (n == 0) as.Date(character()) else day + cumsum(c(0, sample(c(rep(60:120, 1), 200, 250), n - 1, replace = TRUE)))
  ids <- sample(1:99, 2 * max(n, 1))
  used <- 0
  session_ids <- list()
  for (k in seq_along(sessions)) {
    nv <- if (runif(1) < 0.2) 2 else 1
    session_ids[[k]] <- character()
    for (v in 1:nv) {
      used <- used + 1
      vid <- paste0("V", ids[used])
      session_ids[[k]] <- c(session_ids[[k]], vid)
      m <- sample(names(group_of), sample(1:3, 1))
      visits[[length(visits) + 1]] <- data.frame(patient_id = pid, visit_id = vid, visit_date = sessions[k],
        product = sample(products, 1), site_id = sample(c("north", "south", ""), 1), muscle = m,
        dose_units = sample(c(20, 25, 30, 40, 50, 100), length(m), replace = TRUE))
    }
  }
  rec <- function(date, kind, term = "", visit_id = "") {
    symptoms[[length(symptoms) + 1]] <<- data.frame(patient_id = pid, recorded_on = date, kind = kind, term = term, visit_id = visit_id)
  }
  stray <- function(k) {
    u <- runif(1)
    if (u < 0.6 || length(session_ids) == 0) "" else if (u < 0.8) session_ids[[k]][1] else sample(unlist(session_ids), 1)
  }
  if (runif(1) < 0.3 || n == 0) {
    start <- if (n == 0) as.Date("2025-03-01") else sessions[1]
    rec(start - sample(1:30, 1), sample(c("relief_onset", "relief_wear_off", "adverse_event", "score"), 1), "")
  }
  for (k in seq_along(sessions)) {
    s <- sessions[k]
    if (runif(1) < 0.8) rec(s + sample(0:20, 1), "relief_onset", "", stray(k))
    if (runif(1) < 0.6) rec(s + sample(0:120, 1), "relief_wear_off", "", stray(k))
    if (k < n && runif(1) < 0.25) rec(sessions[k + 1], "relief_wear_off")
    if (runif(1) < 0.35) rec(s + sample(0:35, 1), "adverse_event", sample(terms, 1), stray(k))
    if (runif(1) < 0.5) rec(s + sample(20:60, 1), "score", "twstrs_total", stray(k))
  }
}
visits <- do.call(rbind, visits); symptoms <- do.call(rbind, symptoms); patients <- do.call(rbind, patients)
symptoms$term[symptoms$kind == "score"] <- "twstrs_total"
symptoms$term[symptoms$kind == "adverse_event" & symptoms$term == ""] <- "headache"
write.csv(patients, "random-clinic/patients.csv", row.names = FALSE, quote = FALSE)
write.csv(visits, "random-clinic/visits.csv", row.names = FALSE, quote = FALSE)
write.csv(symptoms, "random-clinic/symptoms.csv", row.names = FALSE, quote = FALSE)

# The rules of analytics.md, patient by patient.
cycles_of <- function(pv, ps, psite, follow = 180, w = 28) {
  pv <- pv[pv$visit_date <= as_of, ]
  ps <- ps[ps$recorded_on <= as_of, ]
  notes <- c(mismatch = 0, wowo = 0, nocycle = 0)
  if (nrow(pv) == 0) {
    notes["nocycle"] <- sum(ps$kind != "score")
    return(list(cycles = NULL, notes = notes))
  }
  pv <- pv[order(pv$visit_date, pv$visit_id, method = "radix"), ]
  starts <- sort(unique(pv$visit_date))
  K <- length(starts)
  last_contact <- max(c(pv$visit_date, ps$recorded_on))
  k_of <- findInterval(as.numeric(ps$recorded_on), as.numeric(starts))
  on_next <- ps$kind == "relief_wear_off" & k_of > 1
  on_next[on_next] <- ps$recorded_on[on_next] == starts[k_of[on_next]]
  k_of[on_next] <- k_of[on_next] - 1
  notes["nocycle"] <- sum(k_of == 0 & ps$kind != "score")
  cycles <- list()
  for (k in 1:K) {
    s <- starts[k]
    sv <- pv[pv$visit_date == s, ]
    recs <- ps[k_of == k, ]
    notes["mismatch"] <- notes["mismatch"] + sum(recs$visit_id != "" & !(recs$visit_id %in% sv$visit_id))
    closed <- k < K
    e <- if (closed) starts[k + 1] else if (as.numeric(as_of - s) <= follow) as_of else last_contact
    onsets <- recs$recorded_on[recs$kind == "relief_onset"]
    onset <- if (length(onsets)) min(onsets) else NA
    wear_offs <- recs$recorded_on[recs$kind == "relief_wear_off"]
    if (is.na(onset)) {
      notes["wowo"] <- notes["wowo"] + length(wear_offs); wear <- NA
    } else {
      notes["wowo"] <- notes["wowo"] + sum(wear_offs < onset)
      after <- wear_offs[wear_offs >= onset]
      wear <- if (length(after)) min(after) else NA
    }
    ae_terms <- unique(recs$term[recs$kind == "adverse_event" & recs$recorded_on <= s + w])
    site <- if (sv$site_id[1] != "") sv$site_id[1] else if (psite != "") psite else "main"
    cycles[[k]] <- list(k = k, s = s, e = e, closed = closed, product = sv$product[1], site = site,
      groups = paste(sort(unique(group_of[sv$muscle])), collapse = ";"), muscles = sv$muscle, doses = sv$dose_units,
      injected = paste(sv$product, sv$muscle, sep = "."),
      onset = onset, wear = wear, counted = closed || s + w <= as_of, terms = paste(sort(ae_terms), collapse = ";"))
  }
  list(cycles = cycles, notes = notes)
}

visits$visit_date <- as.Date(visits$visit_date); symptoms$recorded_on <- as.Date(symptoms$recorded_on)
analyse <- function(file, from = NULL, to = NULL, sites = NULL, first_only = FALSE) {
  sink(file)
  onset <- data.frame(); duration <- data.frame(); ae <- data.frame(); doses <- list()
  notes <- c(mismatch = 0, wowo = 0, nocycle = 0); n_patients <- 0; n_cycles <- 0
  for (pid in sort(unique(c(patients$patient_id, visits$patient_id, symptoms$patient_id)))) {
    built <- cycles_of(visits[visits$patient_id == pid, ], symptoms[symptoms$patient_id == pid, ],
                       patients$site_id[patients$patient_id == pid])
    notes <- notes + built$notes
    kept <- Filter(function(c) (is.null(from) || c$s >= from) && (is.null(to) || c$s <= to) &&
                     (is.null(sites) || c$site %in% sites), built$cycles)
    if (first_only && length(kept) > 1) kept <- kept[1]
    if (length(kept) == 0) next
    n_patients <- n_patients + 1; n_cycles <- n_cycles + length(kept)
    for (c in kept) {
      onset <- rbind(onset, data.frame(p = c$product, g = c$groups,
        t = as.numeric((if (is.na(c$onset)) c$e else c$onset) - c$s), s = as.numeric(!is.na(c$onset))))
      if (!is.na(c$onset)) duration <- rbind(duration, data.frame(p = c$product, g = c$groups,
        t = as.numeric((if (is.na(c$wear)) c$e else c$wear) - c$onset), s = as.numeric(!is.na(c$wear))))
      if (c$counted) ae <- rbind(ae, data.frame(g = c$groups, terms = c$terms))
      # each dose under the product of its own visit (a session may hold visits of two products); one value per
      # cycle: all the units the cycle gave that muscle of that product
      for (key in unique(c$injected)) {
        entry <- if (is.null(doses[[key]])) list(cycles = 0, units = numeric()) else doses[[key]]
        doses[[key]] <- list(cycles = entry$cycles + 1, units = c(entry$units, sum(c$doses[c$injected == key])))
      }
    }
  }
  survival_figures(onset, duration)
  side_effect_figures(ae)
  dosing_figures(doses)
  out("cohort.patients", n_patients); out("cohort.cycles", n_cycles)
  out("data_quality.VISIT_ID_MISMATCH", notes["mismatch"]); out("data_quality.WEAR_OFF_WITHOUT_ONSET", notes["wowo"])
  out("data_quality.RECORDS_WITHOUT_CYCLE", notes["nocycle"])
  sink()
}
analyse("random-clinic/all-cycles.expected")
analyse("random-clinic/south-2025-first-cycle.expected", from = as.Date("2025-01-01"), to = as.Date("2025-09-30"),
        sites = "south", first_only = TRUE)
