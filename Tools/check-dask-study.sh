#!/usr/bin/env bash
# The scale-out acceptance check: a study on the fixtures run unsharded, then as 4 shards on a
# 2-worker Dask LocalCluster (Tools/dask-study.py, Dask from PyPI in .build/dask-venv) and merged;
# every output file must be byte-identical (the .hesp-output marker names the command that wrote it). Also 3 shards merged by hand in reverse order.
#   Tools/check-dask-study.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product hesp >&2
hesp="$PWD/.build/release/hesp"
work="$(mktemp -d "${TMPDIR:-/tmp}/hesp-dask-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
study=(--package Fixtures/Study/hesp --trace Fixtures/Sabre/4Glogs Fixtures/Sabre/3Glogs Fixtures/Traces/network.json
  --abr throughput,bola,hesp --content-duration 60 --live --timelines)
"$hesp" study "${study[@]}" -o "$work/whole" --quiet >/dev/null
for k in 1 2 3; do "$hesp" study "${study[@]}" --shard "$k/3" -o "$work/shard-$k" --quiet >/dev/null; done
"$hesp" study merge "$work/shard-3" "$work/shard-2" "$work/shard-1" -o "$work/merged" >/dev/null
python3 Tools/dask-study.py --local-workers 2 --shards 4 --hesp "$hesp" -o "$work/dask" -- "${study[@]}" >/dev/null
status=0
for out in merged dask; do
  if diff -r -x .hesp-output "$work/whole" "$work/$out" >/dev/null; then
    echo "$out: identical to the unsharded run ($(find "$work/whole" -type f | wc -l) files)"
  else
    echo "$out: DIFFERS from the unsharded run"; diff -rq -x .hesp-output "$work/whole" "$work/$out" | head || true; status=1
  fi
done
exit $status
