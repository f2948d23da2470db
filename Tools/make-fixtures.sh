#!/usr/bin/env bash
# Regenerates Fixtures/Media from the shared sample clips (../shared/media by default).
# Usage: Tools/make-fixtures.sh [SHARED_MEDIA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
media="${1:-../shared/media}"
out=Fixtures/Media
common=(-v error -y -an -map_metadata -1 -fflags +bitexact)
ffmpeg "${common[@]}" -i "$media/flower_720p30.mp4" -t 1 -vf scale=320:180:flags=bicubic \
  -c:v libx264 -preset medium -bf 3 -crf 24 -pix_fmt yuv420p -x264-params threads=1 \
  -movflags +faststart "$out/flower-320x180-1s.mp4"
ffmpeg "${common[@]}" -i "$media/flower_720p30.mp4" -t 0.5 -vf scale=160:90 \
  -c:v libx264 -preset medium -bf 2 -crf 26 -x264-params threads=1 "$out/flower-160x90-moov-at-end.mp4"
ffmpeg -v error -y -map_metadata -1 -fflags +bitexact -i "$media/bbb_720p25_5s.mp4" -t 0.5 -vn \
  -c:a aac -b:a 32k -ac 1 "$out/bbb-audio-only-0.5s.m4a"
cp "$media/LICENSE-openh264-BSD-2-Clause.txt" "$out/"
ls -l "$out"
