#!/usr/bin/env bash
# Installs what hesp needs on Debian 12 when it is missing: FFmpeg 5.1 development files
# (libavformat, libavcodec, libavfilter, libavutil, libswscale, libswresample) and pkg-config. Idempotent; a no-op when
# everything is present. Needs root (or sudo) only when something must be installed.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# iproute2: `ip netns` for hesp emulate and its tests (which skip, saying why, without it).
pkgs=(libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev pkg-config iproute2)
[ "${HESP_INSTALL_FFMPEG_CLI:-0}" = 1 ] && pkgs+=(ffmpeg)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
pkg-config --exists 'libavformat >= 59' 'libavcodec >= 59' 'libavfilter >= 8' 'libavutil >= 57' 'libswscale >= 6' 'libswresample >= 4' \
  || { echo "install-deps: FFmpeg >= 5.1 development files not found after install" >&2; exit 1; }
