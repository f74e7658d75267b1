package org.cdoutcomes.app.pipeline;

import java.io.Serializable;

/** What the analysis covered, for the run's status line: the period (for example {@code 2026-Q3}), patients and cycles. */
public record ReportOutcome(String period, long patients, long cycles) implements Serializable {
}
