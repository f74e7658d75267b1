-- Indexes in the order PatientHistoryReader reads patients' visits and symptoms: ids by code point (collation "C",
-- as analytics.md orders them), so the two big scans of `cdo analyze` need no sort (bench/analyze-bench.sh).
create index visit_history_order on visit (patient_id collate "C", visit_date, visit_id collate "C");
create index symptom_history_order on symptom (patient_id collate "C", recorded_on);
