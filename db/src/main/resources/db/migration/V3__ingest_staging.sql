-- Ingest runs: ids, the files a run plans to read, and how far each got. Rows are staged per run in tables
-- stage_<type>_r<run id> (created by the ingest job, dropped by the merge that consumes them).
create sequence ingest_run_seq;

-- A file that cannot be read may not even reveal its record type (a missing file named on the command line).
alter table ingest_file alter column record_type drop not null;

-- One row per input of a run, in reading order (file as given; path absolute, so a restart finds it from anywhere); status PLANNED -> STAGED or FAILED (each in the transaction
-- that staged the file), merged set by the transaction that merged the run. A restarted run skips staged files.
create table ingest_stage_file (
    run_id       bigint  not null references ingest_run (run_id) on delete cascade,
    file_no      integer not null,
    file         text    not null,
    path         text    not null,
    record_type  text check (record_type in ('patients', 'visits', 'symptoms')),
    status       text    not null default 'PLANNED' check (status in ('PLANNED', 'STAGED', 'FAILED')),
    failure      text,
    header       text[],
    rows_read    bigint  not null default 0,
    merged       boolean not null default false,
    primary key (run_id, file_no),
    unique (run_id, file)
);
