#!/usr/bin/env bash
# Every splice of a default package through a second, independent H.264 decoder: packages CLIP
# with the release build (default options, or the PACKAGE OPTIONS given), then decodes every
# splice (init packet n + the continuation from its emsg pointer through the next keyframe)
# with FFmpeg and with OpenH264 (GStreamer openh264dec) and compares the frame counts and the
# pictures (Tools/check-openh264.py). Not part of `swift test` (the opt-in test is
# `HESP_OPENH264=1 swift test --filter OpenH264SpliceTests`).
#
#   Tools/check-openh264.sh [CLIP] [PACKAGE OPTIONS...]
#
# Default CLIP: ../shared/media/bbb_720p25_5s.mp4 if present, else the repository fixture.
# Installs gstreamer1.0-tools, -plugins-good (qtdemux) and -plugins-bad (h264parse, openh264dec)
# with apt-get when missing. Exit status 1 when any splice decodes to a different frame count.
# `Tools/check-openh264.sh CLIP --no-splice-safe-frame-num` shows what OpenH264 does with the gaps.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in -h|--help) sed -n '2,14p' "$0"; exit 0 ;; esac
clip=../shared/media/bbb_720p25_5s.mp4
[ -f "$clip" ] || clip=Fixtures/Media/flower-320x180-1s.mp4
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then clip=$1; shift; fi
[ -f "$clip" ] || { echo "check-openh264: $clip: no such file" >&2; exit 1; }

if ! command -v gst-launch-1.0 >/dev/null || ! gst-inspect-1.0 openh264dec >/dev/null 2>&1 \
  || ! gst-inspect-1.0 qtdemux >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "check-openh264: installing GStreamer with openh264dec" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
    gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-bad >&2
fi
command -v ffmpeg >/dev/null || Tools/install-deps.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-openh264.XXXXXX")
trap 'rm -rf "$work"' EXIT
swift build -c release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
hesp=$(swift build -c release --show-bin-path)/hesp
"$hesp" package "$clip" -o "$work/out" --quiet "$@" >/dev/null
echo "check-openh264: $(basename "$clip") packaged with: ${*:-defaults}"
python3 Tools/check-openh264.py "$work/out"
