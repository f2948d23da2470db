#!/usr/bin/env bash
# Runs `hesp demo --timelines` into a temporary folder and renders both HTML reports, the CDF and
# one timeline to PNG with headless Chromium (Tools/render-report.sh), failing on a blank render.
#   Tools/check-study-report.sh [hesp binary]   (default .build/debug/hesp, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
hesp="${1:-.build/debug/hesp}"
[ -x "$hesp" ] || swift build
out="$(mktemp -d)/demo"
"$hesp" demo --timelines -o "$out" >/dev/null
for mode in vod live; do
  Tools/render-report.sh "$out/$mode/report.html" ".build/study-render/$mode-report.png" 1200x2400
  Tools/render-report.sh "$out/$mode/cdf.svg" ".build/study-render/$mode-cdf.png" 800x480
done
first="$(ls "$out/live/timelines" | head -1)"
Tools/render-report.sh "$out/live/timelines/$first" ".build/study-render/live-timeline.png" 1000x460
echo "check-study-report: rendered to .build/study-render/"
