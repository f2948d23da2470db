#!/usr/bin/env bash
# Issue 18's agreement check: the same sessions simulated (`hesp study`) and emulated
# (`hesp emulate`: hesp serve and hesp play over a trace-shaped link), compared per session.
# Piecewise-constant traces between 0.3 and 6 Mbit/s and 20-120 ms latency, 20 s of content,
# hesp and dash, throughput ABR. Exits non-zero when a session disagrees (startup or p50 switch
# latency beyond 10 % / 25 ms, switch counts beyond 1) or a namespace is left behind.
# Usage: Tools/check-emulate.sh [SHARED] [WORK]   (HESP=path/to/hesp, default .build/release/hesp)
# Needs root, ip and /dev/net/tun; runs one session at a time (about 30 s each).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-${HESP_SHARED:-../shared}}
work=${2:-$(mktemp -d)}
HESP=${HESP:-.build/release/hesp}
[ -x "$HESP" ] || { echo "check-emulate: build hesp first (swift build -c release)" >&2; exit 1; }
"$HESP" --help | grep -E '^  play( |$)' >/dev/null || { echo "check-emulate: this hesp has no 'play' command yet (issue 18)" >&2; exit 1; }
clip=$shared/media/bbb_opening_720p24_cuts.mp4
[ -f "$clip" ] || { echo "check-emulate: no $clip (give the shared folder)" >&2; exit 1; }
mkdir -p "$work/traces"
echo "load: $(uptime | sed 's/.*load average/load average/')"

# The package: 20 s of the clip, HESP (GOP 10 s) and a baseline (GOP = 2 s segments).
[ -d "$work/pkg" ] || "$HESP" package "$clip" -o "$work/pkg" --duration 20 --gop 10 --segment-duration 2 --baseline --quiet

# Piecewise-constant traces (Sabre JSON: duration ms, bandwidth kbit/s, latency ms = RTT).
cat >"$work/traces/step-down.json" <<'JSON'
[{"duration_ms": 8000, "bandwidth_kbps": 6000, "latency_ms": 20},
 {"duration_ms": 8000, "bandwidth_kbps": 1000, "latency_ms": 80},
 {"duration_ms": 8000, "bandwidth_kbps": 300, "latency_ms": 120}]
JSON
cat >"$work/traces/step-up.json" <<'JSON'
[{"duration_ms": 8000, "bandwidth_kbps": 300, "latency_ms": 120},
 {"duration_ms": 8000, "bandwidth_kbps": 1000, "latency_ms": 80},
 {"duration_ms": 8000, "bandwidth_kbps": 6000, "latency_ms": 20}]
JSON
cat >"$work/traces/oscillate.json" <<'JSON'
[{"duration_ms": 4000, "bandwidth_kbps": 3000, "latency_ms": 40},
 {"duration_ms": 4000, "bandwidth_kbps": 600, "latency_ms": 100}]
JSON
cat >"$work/traces/constant.json" <<'JSON'
[{"duration_ms": 60000, "bandwidth_kbps": 2500, "latency_ms": 60}]
JSON

# --video-only: hesp play fetches no audio, so the simulation leaves the package's audio out too.
args=(--package "$work/pkg" --trace "$work/traces" --protocol hesp,dash --abr throughput --content-duration 20 --video-only)
rm -rf "$work/sim" "$work/emu"
# The emulated link carries the trace's bandwidth in IP packets: TCP's payload is 1,448 bytes of
# each 1,500-byte packet (timestamps on), so the simulator, whose bandwidth is payload, gets
# 1448/1500, delivers in packets of 1,448 payload bytes, and makes a switch wait for 1.5 round
# trips of the closed continuation's data queued at the bottleneck (BBR's standing queue, as
# measured from the switches' time to first byte); see docs/emulation.md.
"$HESP" study "${args[@]}" --bandwidth-scale 0.96533 --packet-payload-bytes 1448 \
  --cancelled-queue-round-trips 1.5 -o "$work/sim" --quiet >/dev/null
before=$(ip netns list | grep -c '^hesp-' || true)
"$HESP" emulate "${args[@]}" -o "$work/emu" --compare "$work/sim" | tee "$work/compare.txt"
after=$(ip netns list | grep -c '^hesp-' || true)
echo "load: $(uptime | sed 's/.*load average/load average/')"
[ "$after" -le "$before" ] || { echo "check-emulate: $((after - before)) namespaces left behind" >&2; exit 1; }
grep -Eq '^([0-9]+) of \1 sessions agree' "$work/compare.txt" || { echo "check-emulate: sessions disagree (see above)" >&2; exit 1; }
echo "check-emulate: every session agrees"
