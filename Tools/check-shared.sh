#!/usr/bin/env bash
# The issue's full checks on the shared clips (not part of `swift test`: they take minutes):
# packages flower_720p30 (default ladder: 3 rungs) and bbb_720p25_5s, then runs
# Tools/check-package.py on each (full decode, ffprobe, splices with PSNR-Y >= 40 dB), and a
# lossless package of flower's first 4 s checked for bit-exact splices.
# Usage: Tools/check-shared.sh [SHARED_DIR (default ../shared)] [OUT_DIR (default a temp dir)]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
out="${2:-$(mktemp -d "${TMPDIR:-/tmp}/hesp-shared.XXXXXX")}"
mkdir -p "$out"
swift build -c release >&2
hesp=.build/release/hesp
status=0
"$hesp" package "$shared/media/flower_720p30.mp4" -o "$out/flower" --force --quiet
python3 Tools/check-package.py "$out/flower" --step "${STEP:-7}" || status=1
"$hesp" package "$shared/media/bbb_720p25_5s.mp4" -o "$out/bbb" --force --quiet
python3 Tools/check-package.py "$out/bbb" --step "${STEP:-3}" || status=1
"$hesp" package "$shared/media/flower_720p30.mp4" -o "$out/flower-lossless" --force --quiet \
  --init-lossless --duration 4 --ladder 720p@3000k,360p@600k
python3 Tools/check-package.py "$out/flower-lossless" --step 6 --exact || status=1
echo "packages in $out"
exit $status
