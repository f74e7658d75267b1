-- Vocabulary tables: filled from the model's enums by the repeatable Java migration R__Vocabularies,
-- so the database never holds a second hand-written list of codes.
create table product (id text primary key);
create table muscle (id text primary key);
create table side (id text primary key);
create table sex (id text primary key);
create table guidance (id text primary key);
create table cd_pattern (id text primary key);
create table symptom_source (id text primary key);
create table symptom_kind (id text primary key);
create table symptom_term (kind text not null references symptom_kind (id), id text not null, primary key (id),
                           unique (kind, id));

-- site_id null: not given (counts as site 'main'); a patient created from visits or symptoms only
-- has every other column null until a patients file fills it in.
create table patient (
    patient_id     text primary key check (length(patient_id) between 1 and 64),
    site_id        text check (length(site_id) between 1 and 64),
    sex            text references sex (id),
    birth_year     integer check (birth_year >= 1900),
    diagnosis_date date,
    cd_pattern     text references cd_pattern (id)
);

create table visit (
    visit_id   text primary key check (length(visit_id) between 1 and 64),
    patient_id text not null references patient (patient_id),
    visit_date date not null,
    product    text not null references product (id),
    site_id    text check (length(site_id) between 1 and 64)
);
create index visit_patient_date on visit (patient_id, visit_date, visit_id);

-- One row per muscle and side of a dose chart; two injection points of one muscle and side are summed.
create table visit_muscle (
    visit_id   text not null references visit (visit_id) on delete cascade,
    muscle     text not null references muscle (id),
    side       text not null references side (id),
    dose_units numeric not null check (dose_units > 0),
    guidance   text references guidance (id),
    primary key (visit_id, muscle, side)
);

-- Identity: record_id when given, else (patient_id, recorded_on, kind, term).
create table symptom (
    symptom_id  bigint generated always as identity primary key,
    record_id   text check (length(record_id) between 1 and 64),
    patient_id  text not null references patient (patient_id),
    recorded_on date not null,
    kind        text not null references symptom_kind (id),
    term        text,
    value       numeric,
    visit_id    text check (length(visit_id) between 1 and 64),
    source      text references symptom_source (id),
    foreign key (kind, term) references symptom_term (kind, id),
    check ((kind in ('adverse_event', 'score')) = (term is not null)),
    check (kind <> 'score' or value is not null)
);
create unique index symptom_record_id on symptom (record_id) where record_id is not null;
create unique index symptom_natural_key on symptom (patient_id, recorded_on, kind, coalesce(term, ''))
    where record_id is null;
create index symptom_patient_date on symptom (patient_id, recorded_on);

-- Ingest runs and what they reported.
create table ingest_run (
    run_id           bigint primary key,
    job_execution_id bigint,
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    status           text not null default 'STARTED'
);

create table ingest_file (
    run_id          bigint not null references ingest_run (run_id) on delete cascade,
    file            text not null,
    record_type     text not null check (record_type in ('patients', 'visits', 'symptoms')),
    status          text not null check (status in ('INGESTED', 'FAILED')),
    failure_reason  text,
    rows_read       bigint not null default 0,
    inserted        bigint not null default 0,
    updated         bigint not null default 0,
    unchanged       bigint not null default 0,
    rejected        bigint not null default 0,
    warnings        bigint not null default 0,
    muscles_removed bigint not null default 0,
    primary key (run_id, file)
);

create table ingest_reject (
    run_id      bigint not null references ingest_run (run_id) on delete cascade,
    file        text not null,
    line        bigint not null,
    column_name text,
    code        text not null,
    message     text not null,
    primary key (run_id, file, line)
);

create table ingest_warning (
    warning_id bigint generated always as identity primary key,
    run_id     bigint not null references ingest_run (run_id) on delete cascade,
    file       text not null,
    line       bigint,
    code       text not null,
    message    text not null
);
create index ingest_warning_run on ingest_warning (run_id);
