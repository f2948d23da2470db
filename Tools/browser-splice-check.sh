#!/usr/bin/env bash
# Plays a mid-GOP splice of a REAL `hesp package` output in headless Chromium (MSE) and fails if
# any frame after the splice is dropped. Packages the repo fixture (or PACKAGE_INPUT), runs
# `hesp verify` on the package, picks an init packet in the middle of the first GOP, and runs
# Tools/browser-check.sh on it (with its no-init-packet control).
#
#   Tools/browser-splice-check.sh [INPUT] [--frame N] [--splice-safe-frame-num] [--init-lossless]
#
# --splice-safe-frame-num packages with that option (conformant splices, MMCO 5 in every P
# frame) and verifies with --strict before playing; --init-lossless packages lossless init
# packets (their own header: a second init segment for MSE).
# Default INPUT: Fixtures/Media/flower-320x180-1s.mp4 (one 180p rung, GOP 1 s, segments 0.5 s).
set -euo pipefail
cd "$(dirname "$0")/.."

input=Fixtures/Media/flower-320x180-1s.mp4 frame=""
package_options=() verify_options=()
while (($#)); do
  case "$1" in
    --frame) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "browser-splice-check: --frame needs a frame number" >&2; exit 2; }
             frame=$2; shift 2 ;;
    --splice-safe-frame-num) package_options+=(--splice-safe-frame-num) verify_options=(--strict); shift ;;
    --init-lossless) package_options+=(--init-lossless); shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "browser-splice-check: unknown option $1" >&2; exit 2 ;;
    *) input=$1; shift ;;
  esac
done
[ -f "$input" ] || { echo "browser-splice-check: $input: no such file" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-browser-splice.XXXXXX")
trap 'rm -rf "$work"' EXIT

swift build >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
hesp=$(swift build --show-bin-path)/hesp
"$hesp" package "$input" -o "$work/package" --ladder 180p@300k --gop 1 --segment-duration 0.5 --quiet \
  ${package_options[@]+"${package_options[@]}"} >/dev/null
"$hesp" verify "$work/package" --splices 5 ${verify_options[@]+"${verify_options[@]}"} >&2

if [ -z "$frame" ]; then
  # The middle of the first GOP: neither frame n nor n+1 is a keyframe.
  frame=$(python3 - "$work/package/frame-index.json" <<'PY'
import json, sys
index = json.load(open(sys.argv[1]))
frames = index["tracks"][0]["frames"]
keys = [n for n, f in enumerate(frames) if f["isKeyframe"]] + [len(frames)]
print((keys[0] + keys[1]) // 2 + 1)
PY
)
fi
track=$(ls "$work/package/video" | head -1)
echo "browser-splice-check: $input, track $track, init packet $frame (mid-GOP)" >&2
Tools/browser-check.sh "$work/package" --track "$track" --frame "$frame"
