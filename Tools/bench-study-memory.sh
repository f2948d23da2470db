#!/usr/bin/env bash
# Peak resident memory and CPU per session of `hesp study` at 1x and 10x the sessions (release
# build): the same study, its session count multiplied by RTT variants (a sweep), 120 s VoD
# sessions on the fixture package and the bundled traces. The goal: memory within 1.5x between
# the two runs (sessions stream to disk; only per-session digests stay), CPU per session about
# the same.
#   Tools/bench-study-memory.sh [SESSIONS_1X_RTT_COUNT (default 3)]
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-3}"
swift build -c release --product hesp >&2
hesp="$(swift build -c release --show-bin-path)/hesp"
work="$(mktemp -d "${TMPDIR:-/tmp}/hesp-bench-study.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cat >"$work/measure.py" <<'PY'
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
if status != 0:
    sys.stderr.write(child.stderr.read().decode()); sys.exit(1)
print(f"{time.perf_counter() - start:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.1f}")
PY
rtts() { python3 -c "import sys; n=int(sys.argv[1]); print(','.join(str(20 + 10 * i) for i in range(n)))" "$1"; }
run() {
  local count="$1" name="$2"
  python3 "$work/measure.py" "$hesp" study --package Fixtures/Study/hesp \
    --trace Fixtures/Sabre/4Glogs Fixtures/Sabre/3Glogs Fixtures/Traces/network.json \
    --abr throughput,bola,hesp --content-duration 120 --rtt-ms "$(rtts "$count")" --quiet -o "$work/$name"
}
sessions_per_rtt=$((4 * 4 * 3))
for factor in 1 10; do
  count=$((base * factor))
  read -r wall cpu rss < <(run "$count" "x$factor")
  sessions=$((count * sessions_per_rtt))
  per=$(python3 -c "print(f'{1000 * $cpu / $sessions:.2f}')")
  echo "study ${factor}x: $sessions sessions of 120 s  wall ${wall} s  CPU ${cpu} s (${per} ms/session)  peak RSS ${rss} MB"
done
