#!/usr/bin/env bash
# The acceptance checks of the study-validity issue on the shared clip (minutes, not part of
# `swift test`):
#   1. stable decisions: on 15-25 Mbit/s links (generated, 5 seeds/period lengths/latencies, plus
#      the real 4G log report_bus_0001) over a 1.2 Mbit/s ladder, every protocol x every ABR makes
#      at most 6 switches per minute, VoD and live;
#   2. continuous switches: on a constant 6 Mbit/s link with 200 ms latency, hesp (VoD and live,
#      every ABR) has zero stalls and no switch under 200 ms;
#   3. determinism: two runs, one from another working directory, give identical files.
# Usage: Tools/check-study-validity.sh [SHARED_DIR (default: $HESP_SHARED or ../shared)] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
shared="${1:-${HESP_SHARED:-../shared}}"
work="${2:-$(mktemp -d "${TMPDIR:-/tmp}/hesp-validity.XXXXXX")}"
[ -f "$shared/media/bbb_opening_720p24_cuts.mp4" ] || { echo "no $shared/media/bbb_opening_720p24_cuts.mp4 (give the shared folder)" >&2; exit 2; }
shared="$(cd "$shared" && pwd)"
mkdir -p "$work"
swift build -c release >&2
hesp="$repo/.build/release/hesp"
clip="$shared/media/bbb_opening_720p24_cuts.mp4"
ladder=720p@1200k,480p@600k,360p@300k
[ -f "$work/pkg/frame-index.json" ] || "$hesp" package "$clip" -o "$work/pkg" --gop 10 --segment-duration 2 --ladder "$ladder" --quiet
[ -f "$work/base/frame-index.json" ] || "$hesp" package "$clip" -o "$work/base" --gop 2 --segment-duration 2 --ladder "$ladder" --quiet
mkdir -p "$work/ample" "$work/constant"
python3 - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
for seed, (period, latency) in enumerate([(500, 20), (1000, 40), (3000, 80), (5000, 150), (250, 60)]):
    rng = random.Random(1000 + seed)
    periods = [{"duration_ms": period, "bandwidth_kbps": round(rng.uniform(15000, 25000), 3), "latency_ms": latency}
               for _ in range(180000 // period)]
    json.dump(periods, open(f"{work}/ample/ample-{seed}.json", "w"))
json.dump([{"duration_ms": 600000, "bandwidth_kbps": 6000, "latency_ms": 200}], open(f"{work}/constant/6M-200ms.json", "w"))
PY
cp "$shared/traces/sabre/4Glogs/report_bus_0001.json" "$work/ample/"
abrs=throughput,bola,bolae,dynamic,dynamicdash,bba,mpc,hesp
status=0
cd "$work"
for mode in vod live; do
  flag=""; [ $mode = live ] && flag="--live --target-latency 1"
  "$hesp" study --package pkg --baseline base --trace ample --abr $abrs --content-duration 60 $flag -o "ample-$mode" --force >/dev/null
  "$hesp" study --package pkg --baseline base --trace constant --protocol hesp --abr $abrs --content-duration 60 $flag -o "constant-$mode" --force >/dev/null
  python3 - "ample-$mode" "constant-$mode" <<'PY' || status=1
import csv, sys
ample, constant = sys.argv[1], sys.argv[2]
bad = 0
rows = list(csv.DictReader(open(f"{ample}/sessions.csv")))
worst = max(rows, key=lambda r: int(r["switches"]))
for r in rows:
    minutes = float(r["session_ms"]) / 60000 if r.get("session_ms") not in (None, "", "-") else 1.0
    if int(r["switches"]) > 6 * max(minutes, 1.0):
        bad += 1; print(f"  FAIL {ample}: {r['trace']} {r['protocol']} {r['abr']}: {r['switches']} switches")
print(f"{ample}: {len(rows)} sessions, most switches {worst['switches']} ({worst['protocol']} {worst['abr']} {worst['trace']})")
rows = list(csv.DictReader(open(f"{constant}/sessions.csv")))
for r in rows:
    if float(r["rebuffer_ms"]) > 0:
        bad += 1; print(f"  FAIL {constant}: {r['abr']} rebuffers {r['rebuffer_ms']} ms")
fastest = [float(s["latency_ms"]) for s in csv.DictReader(open(f"{constant}/switches.csv")) if s["latency_ms"] not in ("", "-")]
if fastest and min(fastest) < 200:
    bad += 1; print(f"  FAIL {constant}: a switch of {min(fastest):.1f} ms")
print(f"{constant}: {len(rows)} sessions, stalls {sum(float(r['rebuffer_ms']) > 0 for r in rows)}, fastest switch {min(fastest) if fastest else '-'} ms")
sys.exit(1 if bad else 0)
PY
done
# Determinism: the same study twice, from two working directories (absolute paths: traces are
# then named by folder and file, never by the machine's path), byte for byte.
mkdir -p elsewhere
"$hesp" study --package "$work/pkg" --baseline "$work/base" --trace "$work/ample" --abr $abrs --content-duration 60 -o "$work/run1" --force >/dev/null
(cd elsewhere && "$hesp" study --package "$work/pkg" --baseline "$work/base" --trace "$work/ample" --abr $abrs --content-duration 60 -o "$work/run2" --force >/dev/null)
for f in summary.json sessions.csv switches.csv table.txt results.json report.html; do
  cmp -s "run1/$f" "run2/$f" || { echo "  FAIL: $f differs between runs"; status=1; }
done
grep -q "$work" run1/summary.json run1/sessions.csv && { echo "  FAIL: a machine path in the outputs"; status=1; }
[ $status = 0 ] && echo "all checks passed ($work)" || echo "checks FAILED ($work)"
exit $status
