#!/usr/bin/env bash
# Measures hesp emulate's link (docs/emulation.md): achieved vs nominal rate at 0.3/1/6/20 Mbit/s,
# the link's delivery lateness (the delay jitter it adds), and a 94,000-byte request at 6 Mbit/s
# and 80 ms RTT on a new and on a warm connection, with `hesp serve` in the server namespace and
# curl (rates) and python3's http.client (one connection, timed requests) in the client namespace.
# Needs root, ip, /dev/net/tun, curl and python3.
# Usage: Tools/measure-emulate-link.sh [REPEATS]   (HESP=path/to/hesp, default .build/debug/hesp;
#        CC=cubic|bbr|reno sets TCP's congestion control in the namespaces, default the system's)
set -euo pipefail
cd "$(dirname "$0")/.."
HESP=${HESP:-.build/debug/hesp}
[ -x "$HESP" ] || { echo "measure-emulate-link: build hesp first (swift build)" >&2; exit 1; }
command -v curl >/dev/null || { echo "measure-emulate-link: needs curl (apt-get install curl)" >&2; exit 1; }
HESP=$(cd "$(dirname "$HESP")" && pwd)/$(basename "$HESP")
repeats=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A package whose files have the sizes measured: a 94,000-byte file and a 24 MB one (read with Range).
cp -r Fixtures/Serve/tiny "$work/pkg"
head -c 94000 /dev/urandom >"$work/pkg/video/72p/content-0.m4s"
head -c 24000000 /dev/urandom >"$work/pkg/video/72p/content-1.m4s"
server="'$HESP' serve '$work/pkg' --host 169.254.77.1 --port 8080 --no-access-log"
base=http://169.254.77.1:8080/pkg/video/72p
cc=()
[ -n "${CC:-}" ] && cc=(--congestion-control "$CC")
echo "load: $(uptime | sed 's/.*load average/load average/'); TCP congestion control: ${CC:-$(sysctl -n net.ipv4.tcp_congestion_control) (the default)}"

echo
echo "## Rate: one transfer of 8 s at the nominal rate, 80 ms RTT (goodput = payload / (total - first byte))"
echo "| nominal Mbit/s | bytes | goodput Mbit/s | goodput / (nominal x 1448/1500) | link lateness p50 / p99 / max µs | drops |"
echo "|---|---|---|---|---|---|"
for rate in 0.3 1 6 20; do
  bytes=$(awk -v r="$rate" 'BEGIN { printf "%d", r * 1e6 / 8 * 8 }')
  for ((i = 0; i < repeats; i++)); do
    out=$("$HESP" emulate link "${cc[@]}" --rate-mbps "$rate" --rtt-ms 80 --server "$server" \
      --client "curl -s -o /dev/null -r 0-$((bytes - 1)) -w '%{size_download} %{time_starttransfer} %{time_total}' $base/content-1.m4s" 2>"$work/err")
    link=$(grep 'emulate link: tcp' "$work/err")
    read -r size first total <<<"$out"
    awk -v r="$rate" -v s="$size" -v f="$first" -v t="$total" -v l="$link" 'BEGIN {
      g = s * 8 / (t - f) / 1e6
      match(l, /late p50 [0-9]+ µs p99 [0-9]+ µs max [0-9]+/); late = substr(l, RSTART, RLENGTH)
      gsub(/late p50 |µs p99 |µs max /, " ", late); split(late, q, " ")
      match(l, /[0-9]+ dropped/); drops = substr(l, RSTART, RLENGTH); sub(/ dropped/, "", drops)
      printf "| %s | %d | %.3f | %.3f | %s / %s / %s | %s |\n", r, s, g, g / (r * 1448 / 1500), q[1], q[2], q[3], drops
    }'
  done
done

echo
echo "## A 94,000-byte request at 6 Mbit/s, 80 ms RTT (the link model: 80 + 94000 x 8 / 6000 = 205 ms)"
echo "| connection | time to first byte ms | total ms |"
echo "|---|---|---|"
client=$(cat <<'PY'
import http.client, time
def get(connection, start):
    connection.request("GET", "/pkg/video/72p/content-0.m4s")
    response = connection.getresponse()
    first = time.monotonic() - start
    body = response.read()
    assert len(body) == 94000, len(body)
    return first, time.monotonic() - start
connection = http.client.HTTPConnection("169.254.77.1", 8080)
start = time.monotonic()
connection.connect()
print("new (handshake + slow start) %.0f %.0f" % tuple(1000 * t for t in get(connection, start)))
print("warm, back to back %.0f %.0f" % tuple(1000 * t for t in get(connection, time.monotonic())))
time.sleep(1.5)
print("warm, after 1.5 s idle %.0f %.0f" % tuple(1000 * t for t in get(connection, time.monotonic())))
PY
)
for ((i = 0; i < repeats; i++)); do
  # A new connection, the same one back to back, and again after 1.5 s idle (first byte = headers).
  "$HESP" emulate link "${cc[@]}" --rate-mbps 6 --rtt-ms 80 --server "$server" --client "python3 -c '$client'" 2>/dev/null \
    | awk '{ total = $NF; first = $(NF - 1); NF -= 2; printf "| %s | %s | %s |\n", $0, first, total }'
done
echo "load: $(uptime | sed 's/.*load average/load average/')"
