#!/usr/bin/env bash
# Imports every trace file under ../shared/traces (or $HESP_SHARED/traces) with `hesp trace stats`,
# prints the stats table, and checks the reference numbers of abr-simulators.md §2.2:
# Mahimahi TMobile-LTE-short.down at 1000 ms bins = 140 periods, mean 16.70 Mbps.
# Also runs the opt-in shared-trace tests. Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${HESP_SHARED:-../shared}"
traces="$shared/traces"
[ -d "$traces" ] || { echo "check-traces: no trace folder at $traces (set HESP_SHARED)" >&2; exit 1; }

swift build --product hesp >&2
hesp=".build/debug/hesp"

# Every trace file: everything except READMEs, Sabre movies and Pensieve video sizes.
mapfile -t files < <(find "$traces" -type f ! -name 'README*' ! -name 'movie.json' ! -name 'bbb4k.json' \
  ! -path '*/video_sizes/*' | sort)
echo "== ${#files[@]} trace files (default options: 100 ms Mahimahi bins, 80 ms default latency)"
"$hesp" trace stats "${files[@]}"

echo
echo "== Mahimahi at 1000 ms bins"
"$hesp" trace stats --mahimahi-bin-ms 1000 "$traces"/mahimahi/*.down "$traces"/mahimahi/*.up

tmobile=$("$hesp" trace stats --json --mahimahi-bin-ms 1000 "$traces/mahimahi/TMobile-LTE-short.down")
read -r periods mean < <(python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["periodCount"], "%.2f" % (r["meanKbps"]/1000))' <<<"$tmobile")
echo
if [ "$periods" = 140 ] && [ "$mean" = 16.70 ]; then
  echo "OK TMobile-LTE-short.down @1000 ms: $periods periods, mean $mean Mbps"
else
  echo "FAIL TMobile-LTE-short.down @1000 ms: $periods periods, mean $mean Mbps (expected 140, 16.70)" >&2
  exit 1
fi

echo
echo "== Opt-in shared-trace tests"
HESP_SHARED="$(cd "$shared" && pwd)" swift test --filter SharedTracesTests 2>&1 | grep -E 'Test run|✘' 
