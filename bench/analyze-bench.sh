#!/usr/bin/env bash
# Analysis benchmark: a generated clinic (default 100,000 patients over 2021-2025) ingested into a fresh database on
# a PostgreSQL server; times `cdo analyze` (-Xmx1g) with its peak heap, and, in the same run, the floor: the time
# the server takes to produce the same rows in the same order (the three queries of PatientHistoryReader, run as
# server-side `COPY (...) TO '/dev/null'`). Also times `cdo report` of the latest quarter of data with -Xmx512m.
# cdo runs through ./cdo, as users run it (JVM options through CDO_JAVA_OPTS), after a run of each timed command
# outside the timings: the first run of a command after a build also writes ./cdo's class data sharing archive.
#
#   bench/analyze-bench.sh [--patients N] [--keep] [--reuse DATABASE]
#     --keep            keep the generated files and the database (its name is printed)
#     --reuse DATABASE  skip generation and ingest: measure on a database an earlier --keep run left
#   env: PGHOST (default 127.0.0.1), PGUSER (default postgres, a superuser: server-side COPY needs one), PGPORT
set -euo pipefail
cd "$(dirname "$0")/.."

patients=100000
keep=false
reuse=
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    --reuse) reuse="$2"; keep=true; shift 2 ;;
    *) echo "usage: $0 [--patients N] [--keep] [--reuse DATABASE]" >&2; exit 2 ;;
  esac
done

export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}" PGPORT="${PGPORT:-5432}"
cdo="$PWD/cdo"
"$cdo" --version >/dev/null   # builds and extracts when needed, outside the timings

work=$(mktemp -d)
db="${reuse:-cdo_analyze_bench_$(date +%s)}"
warm_db="cdo_analyze_bench_warm_$(date +%s)"   # for the ingest run outside the timings
cleanup() {
  psql -qd postgres -c "drop database if exists $warm_db" >/dev/null || true
  if [ "$keep" = true ]; then
    echo "kept: database $db, files in $work"
  else
    psql -qd postgres -c "drop database if exists $db" >/dev/null || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT
url="jdbc:postgresql://$PGHOST:$PGPORT/$db?user=$PGUSER"
now() { date +%s.%N; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
. bench/memory.sh

if [ -z "$reuse" ]; then
  t0=$(now)
  "$cdo" generate --patients "$patients" --from 2021-01-01 --to 2025-12-31 --out "$work/clinic"
  t1=$(now)
  echo "generate: $(seconds "$t0" "$t1") s"
  psql -qd postgres -c "create database $db" -c "create database $warm_db"
  mkdir -p "$work/warm-up"
  printf 'patient_id\nWARMUP-1\n' > "$work/warm-up/patients.csv"
  (cd "$work" && "$cdo" ingest --db "jdbc:postgresql://$PGHOST:$PGPORT/$warm_db?user=$PGUSER" warm-up \
    --rejects warm-up-rejects.csv >/dev/null 2>&1) || true
  t0=$(now)
  (cd "$work" && CDO_JAVA_OPTS=-Xmx1g "$cdo" ingest --db "$url" clinic --rejects rejects.csv > ingest.out 2> ingest.err) \
    || { echo "cdo ingest failed:"; tail -20 "$work/ingest.out" "$work/ingest.err"; exit 1; }
  t1=$(now)
  grep -v ' INFO ' "$work/ingest.out" || true
  echo "ingest (-Xmx1g): $(seconds "$t0" "$t1") s"
fi

rows=$(psql -qAtd "$db" -c "select (select count(*) from patient) || ' patients, ' || (select count(*) from visit) || ' visits, '
  || (select count(*) from visit_muscle) || ' dose-chart rows, ' || (select count(*) from symptom) || ' symptoms'")
echo "database $db: $rows"
as_of=$(psql -qAtd "$db" -c "select greatest((select max(visit_date) from visit), (select max(recorded_on) from symptom))")

# The rows PatientHistoryReader reads, in its order, produced by the server and thrown away: what any reader must wait for.
floor() {
  local t0 t1
  t0=$(now)
  psql -qd "$db" >/dev/null <<SQL
set jit = off;  -- as PatientHistoryReader runs them
set enable_sort = off;
copy (select patient_id, site_id from patient order by patient_id collate "C") to '/dev/null';
copy (select v.patient_id, v.visit_id, v.visit_date, v.product, v.site_id, m.muscle, m.side, m.dose_units, m.guidance
      from visit v join visit_muscle m on m.visit_id = v.visit_id
      where v.visit_date <= '$as_of'
      order by v.patient_id collate "C", v.visit_date, v.visit_id collate "C") to '/dev/null';
copy (select patient_id, record_id, recorded_on, kind, term, value, visit_id, source
      from symptom
      where recorded_on <= '$as_of'
      order by patient_id collate "C", recorded_on) to '/dev/null';
SQL
  t1=$(now)
  seconds "$t0" "$t1"
}

floor_first=$(floor)   # also warms the server's caches for the runs below
quarter=$(python3 -c "import sys, datetime; d = datetime.date.fromisoformat(sys.argv[1]); print(f'{d.year}-Q{(d.month - 1) // 3 + 1}')" "$as_of")
(cd "$work" && CDO_JAVA_OPTS=-Xmx1g "$cdo" analyze --db "$url" --json warm-up.json >/dev/null 2>&1 \
  && CDO_JAVA_OPTS=-Xmx512m "$cdo" report --db "$url" --quarter "$quarter" --out warm-up.xlsx >/dev/null 2>&1) || true

t0=$(now)
(cd "$work" && "$cdo" --version >/dev/null)
t1=$(now)
jvm=$(seconds "$t0" "$t1")

t0=$(now)
(cd "$work" && /usr/bin/time -v -o analyze.time env CDO_JAVA_OPTS="-Xmx1g -Xlog:gc,gc+heap+exit:file=analyze-gc.log" \
  "$cdo" analyze --db "$url" --json analysis.json > analyze.out 2> analyze.err) \
  || { echo "cdo analyze failed:"; tail -20 "$work/analyze.out" "$work/analyze.err"; exit 1; }
t1=$(now)
analyze=$(seconds "$t0" "$t1")
grep -v ' INFO ' "$work/analyze.out" | sed 's/^/  /'

floor_second=$(floor)
floor=$(python3 -c "import sys; print(min(map(float, sys.argv[1:])))" "$floor_first" "$floor_second")

t0=$(now)
(cd "$work" && /usr/bin/time -v -o report.time env CDO_JAVA_OPTS="-Xmx512m -Xlog:gc,gc+heap+exit:file=report-gc.log" \
  "$cdo" report --db "$url" --quarter "$quarter" --out report.xlsx > report.out 2> report.err) \
  || { echo "cdo report failed:"; tail -20 "$work/report.out" "$work/report.err"; exit 1; }
t1=$(now)
report=$(seconds "$t0" "$t1")

printf '%-52s %7s s\n' "JVM start-up baseline (cdo --version)" "$jvm"
printf '%-52s %7s s   peak heap %5s MB, max RSS %5s MB\n' "cdo analyze, every cycle (-Xmx1g)" "$analyze" \
  "$(peak_heap "$work/analyze-gc.log")" "$(max_rss "$work/analyze.time")"
printf '%-52s %7s s   (runs: %s s, %s s)\n' "floor: server COPY of the same rows to /dev/null" "$floor" "$floor_first" "$floor_second"
printf '%-52s %7.2f x\n' "ratio analyze / floor" "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$analyze" "$floor")"
printf '%-52s %7.2f x\n' "ratio (analyze - JVM start-up) / floor" \
  "$(python3 -c "import sys; a, j, f = map(float, sys.argv[1:]); print((a - j) / f)" "$analyze" "$jvm" "$floor")"
printf '%-52s %7s s   peak heap %5s MB, max RSS %5s MB\n' "cdo report --quarter $quarter (-Xmx512m)" "$report" \
  "$(peak_heap "$work/report-gc.log")" "$(max_rss "$work/report.time")"
