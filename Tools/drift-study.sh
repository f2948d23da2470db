#!/usr/bin/env bash
# Drift study: packages a clip at --init-qp 4, 8, 12, 16, 20, 24, 28 and --init-lossless, runs
# `hesp verify --source` on each package and prints a Markdown table: init packet IDR bytes
# (and x the continuation's IDR), drift PSNR-Y mean/min against the continuation's own decode,
# exact frames, and the PSNR-Y loss against the source.
#
#   Tools/drift-study.sh [INPUT] [--ladder L] [--splices N] [--qps "4 8 ..."]
#
# Defaults: INPUT ../shared/media/flower_720p30.mp4, one rung at the source height
# (--ladder 720p@3000k), 30 splices per package (evenly spread), release build.
set -euo pipefail
cd "$(dirname "$0")/.."

input=../shared/media/flower_720p30.mp4 ladder=720p@3000k splices=30 qps="4 8 12 16 20 24 28"
while (($#)); do
  case "$1" in
    --ladder) ladder=${2:?--ladder needs a value}; shift 2 ;;
    --splices) splices=${2:?--splices needs a value}; shift 2 ;;
    --qps) qps=${2:?--qps needs a value}; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "drift-study: unknown option $1" >&2; exit 2 ;;
    *) input=$1; shift ;;
  esac
done
[ -f "$input" ] || { echo "drift-study: $input: no such file" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-drift-study.XXXXXX")
trap 'rm -rf "$work"' EXIT
swift build -c release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
hesp=$(swift build -c release --show-bin-path)/hesp

for qp in $qps lossless; do
  if [ "$qp" = lossless ]; then flags=(--init-lossless); else flags=(--init-qp "$qp"); fi
  echo "drift-study: packaging with ${flags[*]}" >&2
  "$hesp" package "$input" -o "$work/$qp" --ladder "$ladder" "${flags[@]}" --quiet >/dev/null
  # verify exits 1 on any failure; the table still shows what was measured.
  "$hesp" verify "$work/$qp" --splices "$splices" --source "$input" --json >"$work/$qp.json" || \
    echo "drift-study: verify reported failures for ${flags[*]}" >&2
done

python3 - "$work" "$input" "$ladder" "$splices" $qps lossless <<'PY'
import json, sys
work, source, ladder, splices, *runs = sys.argv[1:]
print(f"Source `{source}`, ladder `{ladder}`, {splices} splices per package (evenly spread).")
print()
print("| init | init IDR bytes | x IDR | splices | frames | exact | drift mean dB | drift min dB | loss vs source dB | verify |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for run in runs:
    report = json.load(open(f"{work}/{run}.json"))
    for track in report["tracks"]:
        ratio = track["initSampleMeanByteCount"] / max(1, track["keyframeSampleMeanByteCount"])
        def db(value):
            return "exact" if value is None else f"{value:.2f}"
        loss = track.get("psnrYLossVsSourceDecibels")
        label = "lossless" if run == "lossless" else f"QP {run}"
        print(f"| {label} ({track['id']}) | {track['initSampleMeanByteCount']:,} | {ratio:.2f} | {track['splicesChecked']} "
              f"| {track['framesCompared']} | {track['exactFrameCount']} | {db(track.get('driftPSNRYMeanDecibels'))} "
              f"| {db(track.get('driftPSNRYMinDecibels'))} | {'0.00' if loss is None and run == 'lossless' else db(loss) if loss is not None else '-'} "
              f"| {'pass' if report['passed'] else 'FAIL'} |")
PY
