# Memory figures of a timed cdo command, sourced by the bench scripts.
# Peak heap in MB from a -Xlog:gc,gc+heap+exit log: the largest occupancy before a collection, or at exit.
peak_heap() {
  python3 - "$1" <<'PY'
import re, sys
peak = 0.0
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->\d+M\(\d+M\)', line)
    if m:
        peak = max(peak, float(m.group(1)))
    m = re.search(r'total \d+K, used (\d+)K', line)
    if m:
        peak = max(peak, int(m.group(1)) / 1024)
print(f'{peak:.0f}')
PY
}
# Maximum resident set in MB from a /usr/bin/time -v report.
max_rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
