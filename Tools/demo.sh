#!/usr/bin/env bash
# The main job on bundled defaults: package the bundled clip, replay the bundled traces through
# the simulated player and print the results. Installs FFmpeg's development packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
swift build -c release --product hesp >&2
hesp=.build/release/hesp
out=demo-out
rm -rf "$out" && mkdir -p "$out"
"$hesp" package Fixtures/Media/flower-320x180-1s.mp4 -o "$out/package"
"$hesp" simulate "$out/package" --trace Fixtures/Traces --abr throughput,bola,bolae,dynamic \
  --csv "$out/sessions.csv"
