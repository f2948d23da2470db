#!/usr/bin/env bash
# What the init stream costs live, and what saving it costs: runs `hesp live --serve` on one
# source for DURATION seconds per configuration and prints CPU seconds per second of stream,
# real-time headroom and capture-to-available latency; then the time a player waits for
# init-now of a track nobody watched (--init-on-demand) against a watched one.
#
# usage: Tools/bench-live.sh [INPUT]   (default lavfi:testsrc2=size=1280x720:rate=30)
# environment: DURATION (s, default 10), LADDER (720p@3000k,480p@1200k,360p@600k), PRESETS
#   ("ultrafast superfast veryfast"), HESP_BINARY (default: a release build, made when missing),
#   BENCH_OPTIONS (added to every run, e.g. "--max-queue 10" so that a busy machine delays
#   frames instead of dropping them and every configuration runs to its end)
# CPU seconds are measured per process (getrusage), so they hold on a busy machine; headroom
# and latency are wall-clock numbers and do not.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUT=${1:-lavfi:testsrc2=size=1280x720:rate=30}
DURATION=${DURATION:-10}
LADDER=${LADDER:-720p@3000k,480p@1200k,360p@600k}
PRESETS=${PRESETS:-ultrafast superfast veryfast}
BIN=${HESP_BINARY:-.build/release/hesp}
# hesp hands `live` to hesp-media, built next to it by the same `swift build`.
if [ ! -x "$BIN" ] || [ ! -x "$(dirname "$BIN")/hesp-media" ]; then swift build -c release >&2; fi
LOOP=()
if [ -f "$INPUT" ]; then LOOP=(--loop); fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TOP=${LADDER%%@*}

# run NAME [hesp live options...]; with WATCH=1 a client reads the top track meanwhile.
run() {
  local name=$1; shift
  # shellcheck disable=SC2086
  "$BIN" live "$INPUT" "${LOOP[@]}" --ladder "$LADDER" --duration "$DURATION" --serve --port 0 "$@" \
    ${BENCH_OPTIONS:-} >"$WORK/url" 2>"$WORK/stderr" &
  local pid=$!
  for _ in $(seq 300); do [ -s "$WORK/url" ] || ! kill -0 "$pid" 2>/dev/null && break; sleep 0.1; done
  if [ "${WATCH:-0}" = 1 ] && [ -s "$WORK/url" ]; then
    python3 Tools/live-client.py "$(head -1 "$WORK/url")" --tracks "$TOP" --seconds $((DURATION - 2)) >/dev/null 2>&1 &
  fi
  wait "$pid" || true
  python3 - "$name" "$WORK/stderr" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
m = re.search(r"(\d+) frames in ([0-9.]+) s, (\d+) dropped; capture-to-available p50/p99 ms: (.*); headroom ([0-9.]+)x, ([0-9.]+) cores", text)
if not m:
    print(f"{name:<34} failed: {text.strip().splitlines()[-1] if text.strip() else '?'}")
    sys.exit()
frames, seconds, dropped, latency, headroom, cores = m.groups()
media = int(frames) / 30
print(f"{name:<34}{frames:>7}{dropped:>8}{float(cores) * float(seconds) / media:>10.2f}{headroom:>10}   {latency}")
PY
}

echo "hesp live bench: $INPUT, $LADDER, $DURATION s each; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s%7s%8s%10s%10s   %s\n' configuration frames dropped "cpu s/s" headroom "capture-to-available p50/p99 ms"
for preset in $PRESETS; do run "--preset $preset" --preset "$preset"; done
run "veryfast --init-interval 10" --init-interval 10
run "veryfast --init-interval 30" --init-interval 30
run "veryfast --init-on-demand, no viewer" --init-on-demand
WATCH=1 run "veryfast --init-on-demand, $TOP watched" --init-on-demand

# Switch cost of demand: init-now of a track nobody asked for waits for its next packet.
"$BIN" live "$INPUT" "${LOOP[@]}" --ladder "$LADDER" --duration 20 --serve --port 0 --init-on-demand \
  --demand-window 1 >"$WORK/url" 2>"$WORK/stderr" &
pid=$!
for _ in $(seq 300); do [ -s "$WORK/url" ] && break; sleep 0.1; done
url=$(head -1 "$WORK/url")
sleep 3
echo "init-now of $TOP with --init-on-demand (ms): cold = nobody asked in the last second; warm = asked 0.1 s before"
for _ in 1 2 3 4 5; do
  cold=$(curl -s -o /dev/null -w '%{time_total}' "$url/live/video/$TOP/init-now.m4s")
  sleep 0.1
  warm=$(curl -s -o /dev/null -w '%{time_total}' "$url/live/video/$TOP/init-now.m4s")
  python3 -c "print(f'  cold {1000*$cold:7.1f}   warm {1000*$warm:7.1f}')"
  sleep 1.5
done
wait "$pid" || true
