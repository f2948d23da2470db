#!/usr/bin/env bash
# The full live check (issue 17): a 720p30 source, 3 rungs (720p/480p/360p), served; a client
# reads the held-open continuation of every rung. Pass: about 30 chunks per second per rung,
# each after a prft; capture-to-arrival p50 <= 100 ms and p99 <= 250 ms; zero dropped frames;
# exit 0 at --duration.
#
# usage: Tools/check-live.sh [INPUT]   (default lavfi:testsrc2=size=1280x720:rate=30; a file is looped)
# environment: DURATION (s, default 30), PRESET (ultrafast, hesp live's default), LADDER (720p@3000k,480p@1200k,360p@600k),
#   LIVE_OPTIONS (more hesp live options, e.g. "--init-interval 10"), HESP_BINARY (default: a
#   release build, made when missing), P50_MS (100), P99_MS (250)
# The machine should be otherwise idle: real-time numbers on a busy machine are pessimistic.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUT=${1:-lavfi:testsrc2=size=1280x720:rate=30}
DURATION=${DURATION:-30}
PRESET=${PRESET:-ultrafast}
LADDER=${LADDER:-720p@3000k,480p@1200k,360p@600k}
P50_MS=${P50_MS:-100}
P99_MS=${P99_MS:-250}
BIN=${HESP_BINARY:-.build/release/hesp}
# hesp hands `live` to hesp-media, built next to it by the same `swift build`.
if [ ! -x "$BIN" ] || [ ! -x "$(dirname "$BIN")/hesp-media" ]; then
  echo "check-live: building $BIN and hesp-media (release)" >&2
  swift build -c release >&2
fi
LOOP=()
if [ -f "$INPUT" ]; then LOOP=(--loop); fi
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
echo "check-live: $INPUT, $LADDER, preset $PRESET, $DURATION s; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
"$BIN" live "$INPUT" "${LOOP[@]}" --ladder "$LADDER" --preset "$PRESET" --duration "$DURATION" \
  --serve --port 0 ${LIVE_OPTIONS:-} >"$WORK/url" 2>"$WORK/stderr" &
PID=$!
for _ in $(seq 300); do
  if [ -s "$WORK/url" ] || ! kill -0 "$PID" 2>/dev/null; then break; fi
  sleep 0.1
done
URL=$(head -1 "$WORK/url")
if [ -z "$URL" ]; then
  cat "$WORK/stderr" >&2
  echo "check-live: FAIL: hesp live printed no URL" >&2
  exit 1
fi
READ=$(python3 -c "print(max(3, $DURATION - 5))")
python3 Tools/live-client.py "$URL" --seconds "$READ" >"$WORK/client.json"
curl -s "$URL/stats" >"$WORK/stats.json" || echo "{}" >"$WORK/stats.json"
STATUS=0

wait "$PID" || STATUS=$?
if [ "$STATUS" -gt 128 ]; then
  echo "check-live: hesp live died (status $STATUS):" >&2
  grep -E "Fatal error|crashed|error" "$WORK/stderr" | head -5 >&2 || true
fi
python3 - "$WORK/client.json" "$WORK/stats.json" "$STATUS" "$P50_MS" "$P99_MS" "$WORK/stderr" <<'PY'
import json, sys
client = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))
status, p50_limit, p99_limit = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
stderr = open(sys.argv[6]).read().strip().splitlines()
failures = []
fps = 1000 / stats.get("frameIntervalMs", 1000 / 30)
print(f"{'track':<8}{'chunks/s (min-mean-max)':>26}{'prft missing':>14}{'arrival p50 ms':>16}{'p99 ms':>9}{'max ms':>9}"
      f"{'available p50':>15}{'p99':>7}{'cont ms/f':>11}{'init ms/f':>11}")
for track, result in sorted(client["tracks"].items(), key=lambda kv: -int(kv[0].rstrip("p").split("-")[0] or 0)):
    if "error" in result and not result.get("chunks"):
        failures.append(f"{track}: {result['error']}")
        continue
    rate, latency = result["chunksPerSecond"], result["captureToArrivalMs"]
    server = next((t for t in stats.get("tracks", []) if t["id"] == track),
                  {"captureToAvailableMs": {"p50": "-", "p99": "-"}, "continuationMsPerFrame": "-", "initMsPerFrame": "-"})
    print(f"{track:<8}{str(rate['min']) + ' - ' + str(rate['mean']) + ' - ' + str(rate['max']):>26}{result['missingPrft']:>14}"
          f"{latency['p50']:>16}{latency['p99']:>9}{latency['max']:>9}"
          f"{server['captureToAvailableMs']['p50']:>15}{server['captureToAvailableMs']['p99']:>7}"
          f"{server['continuationMsPerFrame']:>11}{server['initMsPerFrame']:>11}")
    if rate["mean"] is None or abs(rate["mean"] - fps) > 1.5:
        failures.append(f"{track}: {rate['mean']} chunks per second, expected about {fps:.0f}")
    if result["missingPrft"]:
        failures.append(f"{track}: {result['missingPrft']} chunks without prft")
    if latency["p50"] is None or latency["p50"] > p50_limit:
        failures.append(f"{track}: capture-to-arrival p50 {latency['p50']} ms > {p50_limit:.0f}")
    if latency["p99"] is None or latency["p99"] > p99_limit:
        failures.append(f"{track}: capture-to-arrival p99 {latency['p99']} ms > {p99_limit:.0f}")
print(f"frames encoded {stats.get('framesEncoded')}, dropped {stats.get('framesDropped')}; realtime headroom "
      f"{stats.get('realtimeHeadroom')}x; CPU {stats.get('cpuCoresUsed')} cores; exit status {status}")
for line in stderr[-2:]:
    print(line)
import re
final = [re.search(r"(\d+) frames in [0-9.]+ s, (\d+) dropped", line) for line in stderr]
final = [m for m in final if m]
dropped = int(final[-1].group(2)) if final else stats.get("framesDropped", 0)
if dropped:
    failures.append(f"{dropped} frames dropped (whole run)")
if status != 0:
    failures.append(f"exit status {status}")
if failures:
    print("check-live: FAIL: " + "; ".join(failures))
    sys.exit(1)
print("check-live: PASS")
PY
