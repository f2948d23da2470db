# Shell functions of the scripts that play a page in headless Chromium against a local server
# (Tools/browser-check.sh, Tools/player-check.sh). Source it from the repository root:
#
#   . Tools/lib/headless-browser.sh
#   browser_setup NAME                  # $work: a temporary folder; $browser: chromium, installed
#                                       # (apt-get) when missing; both cleaned up on exit
#   start_server READY LOG COMMAND...   # COMMAND in the background ($server_pid, stdout to
#                                       # $work/server.out, stderr to LOG); waits up to 10 s for
#                                       # the file READY to be non-empty, else prints LOG and exits 1
#   start_browser URL [OPTION]...       # chromium --headless ... URL in its own process group
#                                       # ($browser_pgid), output in $work/browser.log

browser_setup() {
  browser_tool=$1
  work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-$browser_tool.XXXXXX")
  server_pid="" browser_pgid=""
  trap browser_cleanup EXIT
  browser=$(command -v chromium || true)
  if [ -z "$browser" ]; then
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "$browser_tool: installing chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >&2
    browser=$(command -v chromium)
  fi
}

browser_cleanup() {
  [ -n "$browser_pgid" ] && kill -- "-$browser_pgid" 2>/dev/null && wait "$browser_pgid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }
}

start_server() {
  local ready=$1 log=$2
  shift 2
  "$@" >"$work/server.out" 2>"$log" &
  server_pid=$!
  for _ in $(seq 200); do [ -s "$ready" ] && break; sleep 0.05; done
  [ -s "$ready" ] || { cat "$log" >&2; echo "$browser_tool: server did not start" >&2; exit 1; }
}

start_browser() {
  local url=$1
  shift
  setsid "$browser" --headless --no-sandbox --autoplay-policy=no-user-gesture-required \
    --disable-gpu --no-first-run --no-default-browser-check --mute-audio \
    --disable-background-timer-throttling --disable-renderer-backgrounding \
    --user-data-dir="$work/profile" "$@" "$url" >"$work/browser.log" 2>&1 &
  browser_pgid=$!
}
