package org.cdoutcomes.analytics.result;

/** Data-quality notes over every stored record on or before the cutoff, whatever the cohort options. */
public record DataQuality(long visitIdMismatch, long wearOffWithoutOnset, long recordsWithoutCycle) {
}
