-- Identifiers and codes are compared as bytes (collation "C"), not in the database's default collation: equality is
-- the same (byte equality), and the order of ids is already code point order everywhere cdo sorts them (V5). The ingest
-- merge groups, joins and indexes these columns by sorting: PostgreSQL sorts "C" text with memcmp and abbreviated keys
-- but any other libc collation (C.UTF-8 and en_US.UTF-8 included) with strcoll and full keys, which took 1.7x as long
-- (830,000 chart lines grouped by visit, muscle and side: 1.31 s against 0.77 s; their primary key: 1.10 s against 0.60 s).
alter table patient alter column patient_id type text collate "C", alter column site_id type text collate "C",
    alter column sex type text collate "C", alter column cd_pattern type text collate "C";
alter table visit alter column visit_id type text collate "C", alter column patient_id type text collate "C",
    alter column product type text collate "C", alter column site_id type text collate "C";
alter table visit_muscle alter column visit_id type text collate "C", alter column muscle type text collate "C",
    alter column side type text collate "C", alter column guidance type text collate "C";
alter table symptom alter column record_id type text collate "C", alter column patient_id type text collate "C",
    alter column kind type text collate "C", alter column term type text collate "C", alter column visit_id type text collate "C",
    alter column source type text collate "C";
