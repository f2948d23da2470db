#!/usr/bin/env bash
# Regenerates Fixtures/Media from the shared sample clips (../shared/media by default), then
# Fixtures/Study from Fixtures/Media with the built `hesp`.
# Usage: Tools/make-fixtures.sh [SHARED_MEDIA_DIR]
#        Tools/make-fixtures.sh --study     (Fixtures/Study only; no shared folder needed)
#        Tools/make-fixtures.sh --serve     (Fixtures/Serve only; no shared folder needed)
#        Tools/make-fixtures.sh --play      (Fixtures/Play only; no shared folder needed)
set -euo pipefail
cd "$(dirname "$0")/.."

# Fixtures/Study: the frame indexes of the clip packaged as HESP (demo ladder, GOP 1 s, 0.5 s
# segments) and as its baseline (GOP = segment = 0.5 s), read by the study golden tests
# (Tests/HESPStudyTests). After regenerating them, rewrite and review the goldens:
# HESP_UPDATE_GOLDEN=1 swift test --filter 'HESPStudyTests|GoldenSimulate'
make_study_fixture() {
  swift build
  local work
  work=$(mktemp -d)
  .build/debug/hesp package Fixtures/Media/flower-320x180-1s.mp4 -o "$work/pkg" \
    --ladder 180p@600k,144p@300k,108p@150k --gop 1 --segment-duration 0.5 --baseline --quiet
  mkdir -p Fixtures/Study/hesp/baseline
  cp "$work/pkg/frame-index.json" Fixtures/Study/hesp/frame-index.json
  cp "$work/pkg/baseline/frame-index.json" Fixtures/Study/hesp/baseline/frame-index.json
  rm -rf "$work"
  ls -l Fixtures/Study/hesp Fixtures/Study/hesp/baseline
}
# Fixtures/Serve/tiny: a one-track package (128x72, 15 frames, 0.2 s segments, an init packet
# every 2nd frame: a sparse init stream) served by the HESPServer tests. No report.json (it holds
# wall times) and no .hesp-output.
make_serve_fixture() {
  swift build
  local work
  work=$(mktemp -d)
  .build/debug/hesp package Fixtures/Media/flower-320x180-1s.mp4 -o "$work/tiny" --ladder 72p@100k \
    --duration 0.5 --gop 0.5 --segment-duration 0.2 --init-interval 2 --quiet >/dev/null
  rm -rf Fixtures/Serve/tiny
  mkdir -p Fixtures/Serve
  rm "$work/tiny/report.json" "$work/tiny/.hesp-output"
  cp -R "$work/tiny" Fixtures/Serve/tiny
  rm -rf "$work"
  du -sh Fixtures/Serve/tiny
}
# Fixtures/Play/flower: a two-rung package of the clip's first 0.4 s (144p@300k, 72p@100k; 12
# frames, GOP 0.4 s, 0.2 s segments, an init packet every 3rd frame) and its baseline (GOP = segment),
# played over HTTP by the HESPPlayer tests. The baseline's init packets (the segment protocols
# never fetch them), report.json and .hesp-output are left out.
make_play_fixture() {
  swift build --product hesp
  local work
  work=$(mktemp -d)
  .build/debug/hesp package Fixtures/Media/flower-320x180-1s.mp4 -o "$work/flower" --ladder 144p@300k,72p@100k \
    --duration 0.4 --gop 0.4 --segment-duration 0.2 --init-interval 3 --baseline --quiet >/dev/null
  rm -rf Fixtures/Play/flower
  mkdir -p Fixtures/Play
  find "$work/flower" \( -name report.json -o -name .hesp-output \) -delete
  find "$work/flower/baseline/video" -name 'init-*.m4s' -delete
  cp -R "$work/flower" Fixtures/Play/flower
  rm -rf "$work"
  du -sh Fixtures/Play/flower
}
if [[ "${1:-}" == "--play" ]]; then
  make_play_fixture
  exit 0
fi
if [[ "${1:-}" == "--serve" ]]; then
  make_serve_fixture
  exit 0
fi
if [[ "${1:-}" == "--study" ]]; then
  make_study_fixture
  exit 0
fi

media="${1:-../shared/media}"
out=Fixtures/Media
common=(-v error -y -an -map_metadata -1 -fflags +bitexact)
ffmpeg "${common[@]}" -i "$media/flower_720p30.mp4" -t 1 -vf scale=320:180:flags=bicubic \
  -c:v libx264 -preset medium -bf 3 -crf 24 -pix_fmt yuv420p -x264-params threads=1 \
  -movflags +faststart "$out/flower-320x180-1s.mp4"
ffmpeg -v error -y -ss 4 -i "$media/bbb_opening_720p24_cuts.mp4" -t 6 -an -map_metadata -1 -fflags +bitexact \
  -vf scale=320:180:flags=bicubic -c:v libx264 -preset medium -bf 3 -crf 26 -pix_fmt yuv420p \
  -x264-params threads=1 -movflags +faststart "$out/bbb-320x180-6s.mp4"
ffmpeg "${common[@]}" -i "$media/flower_720p30.mp4" -t 0.5 -vf scale=160:90 \
  -c:v libx264 -preset medium -bf 2 -crf 26 -x264-params threads=1 "$out/flower-160x90-moov-at-end.mp4"
ffmpeg -v error -y -map_metadata -1 -fflags +bitexact -i "$media/bbb_720p25_5s.mp4" -t 0.5 -vn \
  -c:a aac -b:a 32k -ac 1 "$out/bbb-audio-only-0.5s.m4a"
cp "$media/LICENSE-openh264-BSD-2-Clause.txt" "$out/"
ls -l "$out"
make_study_fixture
make_serve_fixture
make_play_fixture
