#!/usr/bin/env bash
# Plays HESP splices (CMAF header + init packet n + continuation from its emsg offset) in headless
# Chromium through Media Source Extensions and fails if any frame after the splice is dropped.
#
#   Tools/browser-check.sh [PACKAGE] [--track ID]... [--frame N]... [--files] [--no-control]
#                          [--timeout SECONDS] [--rate PLAYBACK_RATE] [--attempts N]
#
# PACKAGE is a `hesp package` output directory (manifest.json, video/<track>/header.mp4,
# init-<n>.m4s, content-<s>.m4s). With a manifest.json the page works as a HESP player: URLs
# from the manifest, only the init packet (it carries the header); --files (or no manifest):
# header.mp4 + init packet from video/<track>/. Default: every track. Without PACKAGE, a mini
# package is built with the HESPMP4 writer from ffmpeg encodes (swift test --filter
# MiniPackageTests) in a temporary directory.
# Each splice also runs a control (the same continuation without the init packet), which must
# fail: it shows that the check can see missing frames. A splice that fails is played again, up to
# --attempts times (default 3): a frame lost to the splice is lost every time, while a render
# drop on an overloaded machine is not; every attempt is reported. Installs chromium when missing.
# Prints one JSON line per run and a summary; exit status 0 only if every splice passes.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

package="" tracks=() frames=() files=0 control=1 timeout=120 rate=1 attempts=3
while (($#)); do
  case "$1" in
    --track) tracks+=("${2:?--track needs a value}"); shift 2 ;;
    --files) files=1; shift ;;
    --frame) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "browser-check: --frame needs a frame number" >&2; exit 2; }
             frames+=("$2"); shift 2 ;;
    --no-control) control=0; shift ;;
    --attempts) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "browser-check: --attempts needs a count >= 1" >&2; exit 2; }
                attempts=$2; shift 2 ;;
    --rate) [[ ${2:-} =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "browser-check: --rate needs a number" >&2; exit 2; }
            rate=$2; shift 2 ;;
    --timeout) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "browser-check: --timeout needs seconds" >&2; exit 2; }
               timeout=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "browser-check: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$package" ] || { echo "browser-check: one PACKAGE only" >&2; exit 2; }
       package=$1; shift ;;
  esac
done

[ -z "$package" ] || [[ $package = /* ]] || package=$caller/$package

# 1. The work folder and Chromium (Debian package), installed when missing; waits on a
# concurrent apt's lock.
. Tools/lib/headless-browser.sh
browser_setup browser-check

# 2. The package: given, or a mini package built with the HESPMP4 writer.
if [ -z "$package" ]; then
  package=$work/package
  echo "browser-check: building a mini package with the HESPMP4 writer" >&2
  HESP_MINI_PACKAGE_DIR=$package swift test --filter MiniPackageTests >"$work/swift-test.log" 2>&1 \
    || { tail -20 "$work/swift-test.log" >&2; echo "browser-check: building the mini package failed" >&2; exit 1; }
  ((${#frames[@]})) || frames=(10 37)
fi
[ -d "$package/video" ] || { echo "browser-check: $package: not a hesp package (no video/ directory)" >&2; exit 1; }
((${#tracks[@]})) || mapfile -t tracks < <(ls "$package/video")
((${#tracks[@]})) || { echo "browser-check: $package/video: no tracks" >&2; exit 1; }
[ -f "$package/manifest.json" ] || files=1
for track in "${tracks[@]}"; do
  [ -f "$package/video/$track/header.mp4" ] \
    || { echo "browser-check: $package/video/$track/header.mp4: missing" >&2; exit 1; }
done

# 3. Loopback-only server with Range support; the page POSTs its result to /result.
start_server "$work/port" "$work/server.log" \
  python3 Tools/browser-check/serve.py --root "$package" --page-dir Tools/browser-check \
  --player-dir Sources/HESPServer/Player --result "$work/result.json" --port-file "$work/port"
port=$(cat "$work/port")

# Runs the page once; prints the result JSON (empty on timeout).
play() {
  local query=$1
  rm -f "$work/result.json"
  start_browser "http://127.0.0.1:$port/check/splice.html?$query&report=/result"
  local waited=0
  while [ ! -s "$work/result.json" ] && ((waited < timeout * 10)); do sleep 0.1; waited=$((waited + 1)); done
  kill -- "-$browser_pgid" 2>/dev/null || true
  wait "$browser_pgid" 2>/dev/null || true
  browser_pgid=""
  cat "$work/result.json" 2>/dev/null || true
}

failures=0
mode=manifest; ((files)) && mode=files
echo "browser-check: $("$browser" --version 2>/dev/null), package $package, $mode mode" >&2
for track in "${tracks[@]}"; do
trackdir=$package/video/$track
track_frames=("${frames[@]}")
if ((${#track_frames[@]} == 0)); then
  count=$(ls "$trackdir" | grep -c '^init-[0-9]*\.m4s$' || true)
  ((count > 2)) || { echo "browser-check: $trackdir: fewer than 3 init packets" >&2; exit 1; }
  track_frames=($((count / 3)))  # typically mid-GOP
fi
for frame in "${track_frames[@]}"; do
  [ -f "$trackdir/init-$frame.m4s" ] || { echo "browser-check: $trackdir/init-$frame.m4s: missing" >&2; exit 1; }
  if ((files)); then
    query="base=/video/$track/&init=init-$frame.m4s"
  else
    query="manifest=/manifest.json&track=$track&frame=$frame"
  fi
  query="$query&rate=$rate&timeoutMs=$((timeout * 1000 - 5000))"
  passed=0
  for attempt in $(seq "$attempts"); do
    result=$(play "$query")
    echo "$result"
    if verdict=$(python3 Tools/browser-check/judge.py "$result"); then passed=1; fi
    echo "$track splice at frame $frame (attempt $attempt of $attempts): $verdict" >&2
    ((passed)) && break
  done
  ((passed)) || failures=$((failures + 1))
  if ((control)); then
    result=$(play "$query&control=1")
    echo "$result"
    if verdict=$(python3 Tools/browser-check/judge.py "$result"); then
      echo "$track control at frame $frame (no init packet): $verdict -- the check cannot see missing frames" >&2
      failures=$((failures + 1))
    else
      echo "$track control at frame $frame (no init packet): ${verdict} (expected)" >&2
    fi
  fi
done
done
((failures == 0)) || { echo "browser-check: $failures failure(s)" >&2; exit 1; }
echo "browser-check: all splices played with no dropped frames" >&2
