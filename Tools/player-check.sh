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

work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-player-check.XXXXXX")
server_pid="" browser_pgid=""
cleanup() {
  [ -n "$browser_pgid" ] && kill -- "-$browser_pgid" 2>/dev/null && wait "$browser_pgid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }
}
trap cleanup EXIT

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "player-check: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >&2
  browser=$(command -v chromium)
fi

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

"$hesp" serve "$package" --port 0 >"$work/url" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/url" ] && break; sleep 0.05; done
[ -s "$work/url" ] || { cat "$work/serve.log" >&2; echo "player-check: hesp serve did not start" >&2; exit 1; }
url="$(head -1 "$work/url")/player/?manifest=/$name/manifest.json&abr=off"

setsid "$browser" --headless --no-sandbox --autoplay-policy=no-user-gesture-required --disable-gpu \
  --no-first-run --no-default-browser-check --mute-audio --disable-background-timer-throttling \
  --disable-renderer-backgrounding --window-size=800,500 --remote-debugging-port=0 \
  --user-data-dir="$work/profile" "$url" >"$work/browser.log" 2>&1 &
browser_pgid=$!

echo "player-check: $("$browser" --version 2>/dev/null), $url" >&2
status=0
python3 Tools/player-check/drive.py --devtools-port-file "$work/profile/DevToolsActivePort" \
  --screenshot "$screenshot" "${extra[@]}" || status=$?
if ((status)); then
  echo "player-check: last lines of the server log:" >&2
  tail -5 "$work/serve.log" >&2
fi
exit "$status"
