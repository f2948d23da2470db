#!/usr/bin/env bash
# Loads `hesp serve` (release build) and nginx (Debian nginx-light, 2 workers, sendfile) side by
# side in one run with wrk on the same init packet, at 10 and 100 connections, and prints
# requests/s, p99 latency and the ratios hesp/nginx.
#
#   Tools/bench-serve.sh [PACKAGE] [--file PATH-IN-PACKAGE]... [--seconds S] [--rounds N]
#                        [--hesp-arg ARG]... [--hesp-bin PATH]
#
# PACKAGE: a `hesp package` output (default: ../shared/media/flower_720p30.mp4 packaged
# 720p@3000k,360p@600k, 2 s, into a temporary folder; without the shared folder, the fixture
# clip at 180p/90p). --file (repeatable): the file loaded (default: the init packet of the
# middle frame of every track: 360p is the 56 KB packet of wire.md's nginx anchor). Each
# (server, connections) pair runs --rounds times (default 2), alternating servers, for
# --seconds each (default 6, after a 1 s warm-up); the medians are compared. Both servers run
# on 127.0.0.1 with no access log. Goal: hesp >= nginx requests/s and p99 <= 1.5x; floor for
# landing 0.7x and 2x; any socket error or non-2xx response fails the run. --hesp-arg
# (repeatable): one more argument for `hesp serve` (e.g. --hesp-arg --memory-mb --hesp-arg 0).
# --hesp-bin: load this hesp binary instead of this checkout's release build (an A/B against a
# copy of another commit's build); with a PACKAGE too, nothing is built.
# Installs nginx-light and wrk with apt-get when missing.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

package="" files=() seconds=6 rounds=2 hesp_args=() hesp_bin=""
while (($#)); do
  case "$1" in
    --file) files+=("${2:?--file needs a path}"); shift 2 ;;
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench-serve: --seconds needs a whole number" >&2; exit 2; }
               seconds=$2; shift 2 ;;
    --rounds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench-serve: --rounds needs a count" >&2; exit 2; }
              rounds=$2; shift 2 ;;
    --hesp-arg) hesp_args+=("${2?--hesp-arg needs an argument}"); shift 2 ;;
    --hesp-bin) hesp_bin=${2:?--hesp-bin needs a path}; [[ $hesp_bin = /* ]] || hesp_bin=$caller/$hesp_bin
                [ -x "$hesp_bin" ] || { echo "bench-serve: $hesp_bin: not an executable" >&2; exit 2; }
                shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "bench-serve: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$package" ] || { echo "bench-serve: one PACKAGE only" >&2; exit 2; }
       package=$1; shift ;;
  esac
done
[ -z "$package" ] || [[ $package = /* ]] || package=$caller/$package

work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-bench-serve.XXXXXX")
nginx_pid="" hesp_pid=""
cleanup() {
  [ -n "$hesp_pid" ] && kill "$hesp_pid" 2>/dev/null && wait "$hesp_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. nginx-light and wrk from Debian, when missing (waits on a concurrent apt's lock).
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "bench-serve: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# 2. The release build and the package.
# (With --hesp-bin and a PACKAGE nothing needs building.)
hesp=$(swift build -c release --show-bin-path)/hesp
[ -n "$hesp_bin" ] && [ -n "$package" ] || swift build -c release >&2
served=${hesp_bin:-$hesp}
if [ -z "$package" ]; then
  package=$work/bench
  if [ -f ../shared/media/flower_720p30.mp4 ]; then
    "$hesp" package ../shared/media/flower_720p30.mp4 -o "$package" --ladder 720p@3000k,360p@600k --duration 2 --quiet >&2
  else
    "$hesp" package Fixtures/Media/flower-320x180-1s.mp4 -o "$package" --ladder 180p@600k,90p@150k --quiet >&2
  fi
fi
[ -f "$package/manifest.json" ] || { echo "bench-serve: $package: not a hesp package (no manifest.json)" >&2; exit 1; }
package=$(cd "$package" && pwd -P)
if ((${#files[@]} == 0)); then
  for track in $(ls "$package/video"); do
    count=$(ls "$package/video/$track" | grep -c '^init-[0-9]*\.m4s$')
    files+=("video/$track/init-$((count / 2)).m4s")
  done
fi
for file in "${files[@]}"; do
  [ -f "$package/$file" ] || { echo "bench-serve: $package/$file: no such file" >&2; exit 1; }
done
name=$(basename "$package")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# 3. nginx: its own configuration, on loopback, 2 workers, sendfile, no access log.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
# Workers run as the calling user, so they read what it reads (a root master would drop to nobody).
user_line=""; [ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type video/mp4;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location /$name/ { alias $package/; }
  }
}
CONF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>"$work/nginx/stderr" &
nginx_pid=$!

# 4. hesp serve: prints its URL once it accepts connections.
"$served" serve "$package" --port 0 --no-access-log ${hesp_args[@]+"${hesp_args[@]}"} >"$work/hesp.url" 2>"$work/hesp.log" &
hesp_pid=$!
for _ in $(seq 200); do [ -s "$work/hesp.url" ] && break; sleep 0.05; done
[ -s "$work/hesp.url" ] || { cat "$work/hesp.log" >&2; echo "bench-serve: hesp serve did not start" >&2; exit 1; }
hesp_url=$(head -1 "$work/hesp.url")
nginx_url=http://127.0.0.1:$nginx_port
for file in "${files[@]}"; do
  bytes=$(stat -c %s "$package/$file")
  for url in "$nginx_url" "$hesp_url"; do
    for _ in $(seq 100); do curl -sf -o /dev/null "$url/$name/$file" && break; sleep 0.05; done
    got=$(curl -sf "$url/$name/$file" | wc -c) || true
    [ "$got" = "$bytes" ] || { echo "bench-serve: $url/$name/$file: got $got bytes, expected $bytes" >&2; exit 1; }
  done
done

# 5. wrk, alternating servers; one line per run: requests/s, p50 and p99 in ms, errors, and the
# server's CPU time per request (user + system of all its processes and threads, /proc).
cpu_ticks() {  # PID... -> clock ticks used so far
  local total=0 pid fields
  for pid in "$@"; do
    fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    set -- $fields
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
thread_stats() {  # PID... -> one line per thread: "TID CPU_NS RUN_QUEUE_WAIT_NS" (schedstat)
  local pid task
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      read -r cpu wait _ <"$task/schedstat" 2>/dev/null && echo "${task##*/} $cpu $wait"
    done
  done
}
run_wrk() {  # URL CONNECTIONS SECONDS PID... -> "req/s p99_ms errors non2xx p50_ms cpu_us_per_request
  #   run_queue_wait_us_per_request busy_threads"
  local out url=$1 connections=$2 duration=$3 before after threads_before threads_after
  shift 3
  before=$(cpu_ticks "$@")
  threads_before=$(thread_stats "$@")
  out=$(wrk -t2 -c"$connections" -d"$duration"s --latency "$url" 2>&1)
  after=$(cpu_ticks "$@")
  threads_after=$(thread_stats "$@")
  python3 - "$out" "$((after - before))" "$(getconf CLK_TCK)" "$threads_before" "$threads_after" <<'PY'
import re, sys
text, ticks, hertz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# Per thread of the server: CPU and time spent runnable but waiting for a core (schedstat).
parse = lambda lines: {f[0]: (int(f[1]), int(f[2])) for f in (l.split() for l in lines.splitlines()) if len(f) == 3}
before, after = parse(sys.argv[4]), parse(sys.argv[5])
deltas = [(after[t][0] - before.get(t, (0, 0))[0], after[t][1] - before.get(t, (0, 0))[1]) for t in after]
total_cpu = sum(d[0] for d in deltas) or 1
busy = sum(1 for d in deltas if d[0] >= 0.1 * total_cpu)
wait_ns = sum(d[1] for d in deltas)
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def percentile(label):
    value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = sum(int(x) for x in errors.groups()) if errors else 0
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
requests = int(re.search(r"(\d+) requests in", text).group(1))
cpu = ticks / hertz / requests * 1e6 if requests else 0.0
wait = wait_ns / 1000 / requests if requests else 0.0
print(f"{rps:.0f} {percentile(99):.3f} {errors} {int(non2xx.group(1)) if non2xx else 0} {percentile(50):.3f} {cpu:.1f} {wait:.1f} {busy}")
PY
}
nginx_pids=$(pgrep -P "$nginx_pid" | tr '\n' ' ')

echo "bench-serve: $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), hesp $("$served" --version), wrk -t2 ${seconds}s x $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
results=$work/results.txt
: >"$results"
for file in "${files[@]}"; do
  bytes=$(stat -c %s "$package/$file")
  for connections in 10 100; do
    for round in $(seq "$rounds"); do
      for server in nginx hesp; do
        url=${server}_url
        pids=$nginx_pids; [ "$server" = hesp ] && pids=$hesp_pid
        run_wrk "${!url}/$name/$file" "$connections" 1 $pids >/dev/null  # warm-up
        set -- $(run_wrk "${!url}/$name/$file" "$connections" "$seconds" $pids)
        # results.txt: server connections req/s p99 errors non2xx file bytes p50 cpu wait busy
        echo "$server $connections $1 $2 $3 $4 $file $bytes $5 $6 $7 $8" >>"$results"
        echo "$server $connections: $1 req/s, p50 $5 ms, p99 $2 ms, $6 us CPU/request, $7 us/request waiting for a core over $8 busy threads, errors $3, non-2xx $4 ($file)" >&2
      done
    done
  done
done
echo "bench-serve: load after the runs $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
failed = False
print(f"{'file':<24} {'bytes':>7} {'conns':>5} | {'req/s nginx':>11} {'hesp':>7} {'ratio':>5} | {'p50 ms nginx':>12} {'hesp':>6} | "
      f"{'p99 ms nginx':>12} {'hesp':>6} {'ratio':>5} | {'CPU us/req nginx':>16} {'hesp':>5} | "
      f"{'wait us/req nginx':>17} {'hesp':>5} | {'threads nginx':>13} {'hesp':>4} | verdict")
for file, connections in dict.fromkeys((r[6], r[1]) for r in rows):
    stats = {}
    size = next(r[7] for r in rows if r[6] == file)
    for server in ("nginx", "hesp"):
        runs = [r for r in rows if r[0] == server and r[1] == connections and r[6] == file]
        median = lambda column: statistics.median(float(r[column]) for r in runs)
        stats[server] = (median(2), median(3), sum(int(r[4]) + int(r[5]) for r in runs), median(8), median(9),
                         median(10), median(11))
        if stats[server][2]:
            print(f"bench-serve: {server} at {connections} connections: {stats[server][2]} socket errors or non-2xx responses", file=sys.stderr)
            failed = True
    rps_ratio = stats["hesp"][0] / stats["nginx"][0]
    p99_ratio = stats["hesp"][1] / stats["nginx"][1] if stats["nginx"][1] else float("inf")
    verdict = "goal met" if rps_ratio >= 1 and p99_ratio <= 1.5 else "above the floor" if rps_ratio >= 0.7 and p99_ratio <= 2 else "BELOW THE FLOOR"
    print(f"{file:<24} {size:>7} {connections:>5} | {stats['nginx'][0]:>11.0f} {stats['hesp'][0]:>7.0f} {rps_ratio:>5.2f} | "
          f"{stats['nginx'][3]:>12.2f} {stats['hesp'][3]:>6.2f} | {stats['nginx'][1]:>12.2f} {stats['hesp'][1]:>6.2f} {p99_ratio:>5.2f} | "
          f"{stats['nginx'][4]:>16.1f} {stats['hesp'][4]:>5.1f} | {stats['nginx'][5]:>17.1f} {stats['hesp'][5]:>5.1f} | "
          f"{stats['nginx'][6]:>13.0f} {stats['hesp'][6]:>4.0f} | {verdict}")
    failed = failed or verdict == "BELOW THE FLOOR"
print("wait: time the server's threads were runnable but waiting for a core, per request (schedstat run_delay);")
print("threads: the server's threads that did at least 10 % of its work (nginx: workers that took connections)")
print("goal: hesp req/s >= 1.0x nginx and p99 <= 1.5x; floor for landing: 0.7x and 2x")
sys.exit(1 if failed else 0)
PY
