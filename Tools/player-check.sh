#!/usr/bin/env bash
# Plays a package through `hesp serve`'s player page (/player/) in headless Chromium and switches
# rendition 10 times at uneven times through window.hespPlayer, driven over the DevTools
# protocol (Tools/player-check/drive.py). Passes when every switch lands (first frame of the
# new track displayed, requestVideoFrameCallback) in under 1 s, at most 2 % of frames are
# dropped and the page reports no error. Keeps a PNG screenshot.
#
#   Tools/player-check.sh [PACKAGE] [--screenshot PNG] [--switches N] [--seed N] [--json RESULT]
#
# PACKAGE: a `hesp package` output with at least two tracks (default: the fixture clip
# Fixtures/Media/bbb-320x180-6s.mp4 packaged 180p/144p/108p into a temporary folder).
# --screenshot: where the PNG goes (default player-check.png). Installs chromium when missing.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

package="" screenshot=$caller/player-check.png extra=()
while (($#)); do
  case "$1" in
    --screenshot) screenshot=${2:?--screenshot needs a path}; [[ $screenshot = /* ]] || screenshot=$caller/$screenshot; shift 2 ;;
    --switches|--seed) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "player-check: $1 needs a number" >&2; exit 2; }
                       extra+=("$1" "$2"); shift 2 ;;
    --json) json=${2:?--json needs a path}; [[ $json = /* ]] || json=$caller/$json; extra+=(--json "$json"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "player-check: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$package" ] || { echo "player-check: one PACKAGE only" >&2; exit 2; }
       package=$1; [[ $package = /* ]] || package=$caller/$package; shift ;;
  esac
done

. Tools/lib/headless-browser.sh
browser_setup player-check

if [ -n "${HESP_BINARY:-}" ]; then
  hesp=$HESP_BINARY
else
  swift build >&2
  hesp=$(swift build --show-bin-path)/hesp
fi
if [ -z "$package" ]; then
  package=$work/bbb
  "$hesp" package Fixtures/Media/bbb-320x180-6s.mp4 -o "$package" --ladder 180p@400k,144p@200k,108p@100k --quiet >&2
fi
[ -f "$package/manifest.json" ] || { echo "player-check: $package: not a hesp package (no manifest.json)" >&2; exit 1; }
name=$(basename "$(cd "$package" && pwd -P)")

start_server "$work/server.out" "$work/serve.log" "$hesp" serve "$package" --port 0
url="$(head -1 "$work/server.out")/player/?manifest=/$name/manifest.json&abr=off"
start_browser "$url" --window-size=800,500 --remote-debugging-port=0

echo "player-check: $("$browser" --version 2>/dev/null), $url" >&2
status=0
python3 Tools/player-check/drive.py --devtools-port-file "$work/profile/DevToolsActivePort" \
  --screenshot "$screenshot" "${extra[@]}" || status=$?
if ((status)); then
  echo "player-check: last lines of the server log:" >&2
  tail -5 "$work/serve.log" >&2
fi
exit "$status"
