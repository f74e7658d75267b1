#!/usr/bin/env bash
# Start-up cost of a command on the embedded database, as ratios to the JVM + picocli baseline (cdo --version)
# measured in the same run: a fresh folder (initdb, start, migrate, stop) and a stopped server (start, stop).
# (Joining a server another cdo holds is not measured here: freezing a holder mid-command would freeze its locks.)
# Usage: bench/startup.sh [rounds]   (median of the rounds; machine load shifts all numbers alike)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
"$root/cdo" --version >/dev/null   # builds the jar when needed, outside the measurements
jar="$root/app/target/cdo.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

millis() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

baseline=() fresh=() stopped=()
for i in $(seq 1 "$rounds"); do
  baseline+=("$(millis java -jar "$jar" --version)")
  fresh+=("$(millis java -jar "$jar" jobs --data-dir "d$i")")
  stopped+=("$(millis java -jar "$jar" jobs --data-dir "d$i")")
done

b=$(echo "${baseline[*]}" | median)
report() { local m; m=$(echo "$2" | median); printf '%-34s %6d ms  %5.2f x baseline\n' "$1" "$m" "$(echo "$m / $b" | bc -l)"; }
printf '%-34s %6d ms\n' "baseline: cdo --version" "$b"
report "cdo jobs, fresh folder (initdb)" "${fresh[*]}"
report "cdo jobs, server stopped" "${stopped[*]}"
