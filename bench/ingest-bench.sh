#!/usr/bin/env bash
# Ingest benchmark: a synthetic clinic (~1,000,000 symptom rows) ingested by `cdo ingest` into a fresh database
# on a PostgreSQL server, against `psql \copy` of the same files into plain tables with the same columns, timed
# in the same run. Prints both times, the ratio end to end, and the ratio without JVM start-up (the time of a
# one-row ingest, which is start-up, Spring context and a job run, is subtracted).
#
#   bench/ingest-bench.sh [--patients N] [--jar FILE] [--keep] [--floor]
#   --patients: 25,300 by default (about 1,000,000 symptom rows); 126,500 give the 5,000,000-row symptoms file that
#   must ingest within -Xmx512m, the heap every timed ingest here runs with (peak heap and resident set are printed);
#   --jar: another build of cdo to measure with plain `java -jar FILE` (e.g. a copy of an earlier one, to compare);
#   --floor: also times the floor of any ingest design: COPY of the rows the ingest stored, as they are, straight into
#   empty record tables (indexes and keys dropped first and built again, then ANALYZE), in one transaction;
#   default: ./cdo as users run it (rebuilt when a source is newer; JVM options through CDO_JAVA_OPTS).
#   env: BENCH_SERVER_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), PGHOST/PGUSER for psql
set -euo pipefail
cd "$(dirname "$0")/.."

patients=25300
keep=false
floor=false
jar=
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    --floor) floor=true; shift ;;
    *) echo "usage: $0 [--patients N] [--jar FILE] [--keep] [--floor]" >&2; exit 2 ;;
  esac
done

export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
if [ -n "$jar" ]; then
  jar=$(realpath "$jar")
else
  ./cdo --version >/dev/null   # builds and extracts when needed, outside the timings
fi
launcher="$PWD/cdo"
# run_cdo JVM_OPTIONS ARG...: cdo with JVM options ("" for none), through ./cdo or with java -jar for --jar;
# with time_to=FILE set, under /usr/bin/time -v writing FILE (for the maximum resident set).
run_cdo() {
  local options="$1" time=()
  shift
  if [ -n "${time_to:-}" ]; then time=(/usr/bin/time -v -o "$time_to"); fi
  if [ -n "$jar" ]; then "${time[@]}" java $options -jar "$jar" "$@"; else CDO_JAVA_OPTS="$options" "${time[@]}" "$launcher" "$@"; fi
}
. bench/memory.sh

work=$(mktemp -d)
trap '[ "$keep" = true ] || rm -rf "$work"' EXIT
data="$work/clinic"
mkdir -p "$data"

# The real generator: 25,300 patients over five years give about 1,000,000 symptom rows (and 830,000 visit rows).
echo "generating with cdo generate --patients $patients"
run_cdo "" generate --patients "$patients" --out "$data" --from 2021-01-01 --to 2025-12-31 >/dev/null
for f in "$data"/*.csv; do echo "  $(basename "$f"): $(($(wc -l < "$f") - 1)) rows"; done

stamp=$(date +%s)
server="${BENCH_SERVER_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
db_cdo="cdo_bench_$stamp"
db_copy="cdo_bench_copy_$stamp"
db_floor="cdo_bench_floor_$stamp"
url="${server/\/postgres\?//$db_cdo?}"
psql -qd postgres -c "create database $db_cdo" -c "create database $db_copy"
cleanup_db() {
  [ "$keep" = true ] || psql -qd postgres -c "drop database if exists $db_cdo" -c "drop database if exists $db_copy" \
    -c "drop database if exists $db_floor" >/dev/null
}
trap 'cleanup_db; [ "$keep" = true ] || rm -rf "$work"' EXIT

# Warm-up and start-up baseline: a one-row ingest (also migrates the fresh database and, after a build, has ./cdo
# write the ingest's class data sharing archive, outside the timings).
mkdir -p "$work/tiny"
printf 'patient_id\nWARMUP-1\n' > "$work/tiny/patients.csv"
(cd "$work" && run_cdo "" ingest --db "$url" tiny --rejects "$work/warm-rejects.csv" >/dev/null 2>&1)
now() { date +%s.%N; }
t0=$(now)
(cd "$work" && run_cdo "" ingest --db "$url" tiny --rejects "$work/tiny-rejects.csv" >/dev/null 2>&1)
t1=$(now)
(cd "$work" && time_to="$work/ingest.time" run_cdo "-Xmx512m -Xlog:gc,gc+heap+exit:file=$work/ingest-gc.log" \
  ingest --db "$url" clinic --rejects "$work/rejects.csv" > "$work/ingest.out" 2>"$work/ingest.err") \
  || { echo "cdo ingest failed:"; cat "$work/ingest.out" "$work/ingest.err" | grep -v ' INFO ' | tail -20; exit 1; }
t2=$(now)
grep -v ' INFO ' "$work/ingest.out" || true

# Text columns: the generated clinic has rows that break the rules on purpose (2025-02-30, 25/12/2025), which a
# typed COPY would refuse, and PostgreSQL 15's COPY cannot skip them.
psql -qd "$db_copy" <<'SQL'
create table patients (patient_id text, site_id text, sex text, birth_year text, diagnosis_date text, cd_pattern text);
create table visits (visit_id text, patient_id text, visit_date text, product text, muscle text, side text, dose_units text, guidance text, site_id text);
create table symptoms (record_id text, patient_id text, recorded_on text, kind text, term text, value text, visit_id text, source text);
SQL
t3=$(now)
psql -qd "$db_copy" \
  -c "\\copy patients from '$data/patients.csv' with (format csv, header true)" \
  -c "\\copy visits from '$data/visits.csv' with (format csv, header true)" \
  -c "\\copy symptoms from '$data/symptoms.csv' with (format csv, header true)"
t4=$(now)

if [ "$floor" = true ]; then
  # The record tables as the ingest left them, copied out; an empty copy of the schema; then, timed, what no design can
  # avoid: typed COPY of those rows with every check, the keys and indexes built after, ANALYZE (as the merge does).
  tables="patient visit visit_muscle symptom"
  in_tables="'patient', 'visit', 'visit_muscle', 'symptom'"
  for t in $tables; do psql -qd "$db_cdo" -c "\\copy $t to '$work/floor-$t.csv' with (format csv)"; done
  psql -qd postgres -c "create database $db_floor"
  pg_dump -s -d "$db_cdo" | psql -qd "$db_floor" >/dev/null
  keys="select conrelid::regclass, conname, pg_get_constraintdef(oid), contype from pg_constraint
    where contype in ('p', 'f') and conrelid::regclass::text in ($in_tables)"
  {
    echo "begin;"
    psql -qAtd "$db_floor" -c "select format('alter table %s drop constraint %I;', conrelid, conname) from ($keys) k order by contype"
    psql -qAtd "$db_floor" -c "select format('drop index %I;', indexname) from pg_indexes where tablename in ($in_tables)
      and indexname not in (select conname from pg_constraint)"
    for t in $tables; do echo "\\copy $t from '$work/floor-$t.csv' with (format csv)"; done
    psql -qAtd "$db_floor" -c "select indexdef || ';' from pg_indexes where tablename in ($in_tables)
      and indexname not in (select conname from pg_constraint)"
    psql -qAtd "$db_floor" -c "select format('alter table %s add constraint %I %s;', conrelid, conname, pg_get_constraintdef)
      from ($keys) k order by contype desc"
    for t in $tables; do echo "analyze $t;"; done
    echo "commit;"
  } > "$work/floor.sql"
  t5=$(now)
  psql -qd "$db_floor" -v ON_ERROR_STOP=1 -f "$work/floor.sql" >/dev/null
  t6=$(now)
fi

echo "steps of the ingest job (from the Batch job repository):"
psql -qAtd "$db_cdo" -c "select '  ' || s.step_name || ': ' || round(extract(epoch from s.end_time - s.start_time)::numeric, 2) || ' s'
  from batch_step_execution s where s.job_execution_id = (select job_execution_id from ingest_run order by run_id desc limit 1)
  order by s.step_execution_id"

echo "cdo measured: ${jar:-./cdo}"
echo "load average (1, 5, 15 min): $(cut -d" " -f1-3 /proc/loadavg)"
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" "${t5:-0}" "${t6:-0}" "$(peak_heap "$work/ingest-gc.log")" \
  "$(max_rss "$work/ingest.time")" <<'PY'
import sys
t0, t1, t2, t3, t4, t5, t6 = map(float, sys.argv[1:8])
heap, rss = sys.argv[8:]
startup, ingest, copy = t1 - t0, t2 - t1, t4 - t3
print(f"cdo ingest (end to end, -Xmx512m): {ingest:7.2f} s   peak heap {heap} MB, max RSS {rss} MB")
print(f"one-row ingest (JVM + context):     {startup:7.2f} s")
print(f"psql \\copy of the same files:       {copy:7.2f} s")
print(f"ratio end to end:                   {ingest / copy:7.2f}x")
print(f"ratio without start-up:             {(ingest - startup) / copy:7.2f}x")
if t6 > t5:
    floor = t6 - t5
    print(f"floor (stored rows COPYed in, keys, indexes, ANALYZE): {floor:5.2f} s, {floor / copy:.2f}x; "
          f"with start-up {(floor + startup) / copy:.2f}x")
PY
