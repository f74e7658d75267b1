#!/usr/bin/env bash
# Start-up cost of a command on the embedded database, as ratios to the JVM + picocli baseline (cdo --version)
# measured in the same run: a fresh folder (initdb, start, migrate, stop) and a stopped server (start, stop).
# (Joining a server another cdo holds is not measured here: freezing a holder mid-command would freeze its locks.)
# cdo runs through ./cdo, as users run it (extracted jar and class data sharing archive).
# Usage: bench/startup.sh [rounds]   (median of the rounds; machine load shifts all numbers alike)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
cdo="$root/cdo"
"$cdo" --version >/dev/null   # builds and extracts the jar when needed, outside the measurements
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# The first run of a command after a build also writes its class data sharing archive (./cdo): one here, outside
# the measurements.
"$cdo" jobs --data-dir warm-up >/dev/null 2>&1

millis() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

baseline=() fresh=() stopped=()
for i in $(seq 1 "$rounds"); do
  baseline+=("$(millis "$cdo" --version)")
  fresh+=("$(millis "$cdo" jobs --data-dir "d$i")")
  stopped+=("$(millis "$cdo" jobs --data-dir "d$i")")
done

b=$(echo "${baseline[*]}" | median)
report() { local m; m=$(echo "$2" | median); printf '%-34s %6d ms  %5.2f x baseline\n' "$1" "$m" "$(echo "$m / $b" | bc -l)"; }
printf '%-34s %6d ms\n' "baseline: cdo --version" "$b"
report "cdo jobs, fresh folder (initdb)" "${fresh[*]}"
report "cdo jobs, server stopped" "${stopped[*]}"
