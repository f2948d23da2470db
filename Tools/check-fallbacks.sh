#!/usr/bin/env bash
# Players without HESP on the shared clips: packages each clip (default ladder, GOP = segment,
# so the DASH MPD and HLS playlists are written) and has FFmpeg's own dash and hls demuxers
# decode every rendition, video and audio (`ffmpeg -v error -i M -map 0 -f null -` must print
# nothing), then prints the streams and frames ffprobe reads through each manifest.
# GStreamer (gst-discoverer-1.0 on the MPD and playlist) runs too when it is installed.
# Usage: Tools/check-fallbacks.sh [SHARED_DIR (default ../shared)] [OUT_DIR (default a temp dir)]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
out="${2:-$(mktemp -d "${TMPDIR:-/tmp}/hesp-fallbacks.XXXXXX")}"
mkdir -p "$out"
swift build -c release >&2
hesp=.build/release/hesp
status=0
for clip in bbb_720p25_5s flower_720p30 drive_1080p25; do
  [ -f "$shared/media/$clip.mp4" ] || { echo "skip $clip: not in $shared/media" >&2; continue; }
  "$hesp" package "$shared/media/$clip.mp4" -o "$out/$clip" --force --quiet >/dev/null
  for manifest in manifest.mpd master.m3u8; do
    path="$out/$clip/$manifest"
    errors=$(ffmpeg -nostdin -v error -i "$path" -map 0 -f null - 2>&1) || errors="exit $?: $errors"
    streams=$(ffprobe -v error -count_frames -show_entries stream=index,codec_type,codec_name,width,height,sample_rate,nb_read_frames \
      -of csv=p=0 "$path" | sort -u -t, -k1,1n | tr '\n' ' ')
    if [ -n "$errors" ]; then
      echo "FAIL $clip/$manifest: $errors"
      status=1
    else
      echo "ok   $clip/$manifest: $streams"
    fi
    if command -v gst-discoverer-1.0 >/dev/null; then
      gst-discoverer-1.0 "file://$(realpath "$path")" 2>&1 | grep -E "^  (video|audio|Duration)" | sed "s|^|     gst $clip/$manifest: |" || true
    fi
  done
done
echo "packages in $out"
exit $status
