#!/usr/bin/env bash
# `hesp package --splice-safe-frame-num` on real clips, side by side with a plain package of the
# same clip and settings (not part of `swift test`: it takes minutes):
#   - both packages verify with `hesp verify --strict --json` (the plain one with
#     --allow-frame-num-gaps); the safe one must pass with zero frame_num gaps, the plain one
#     reports its gaps;
#   - every splice's per-frame PSNR-Y equals the plain package's (identical pictures);
#   - a full decode of each track's continuation (header + all segments) is silent under
#     `ffmpeg -v error`, and its frame MD5s equal the plain package's;
#   - the byte overhead of the rewrite per track.
#
#   Tools/check-splice-safe.sh [--splices N|all] [CLIP...]
#
# Default CLIPs: ../shared/media/flower_720p30.mp4 and ../shared/media/drive_1080p25.mp4,
# default --splices all. Exit status 1 when any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
splices=all clips=()
while (($#)); do
  case "$1" in
    --splices) splices=${2:?--splices needs a count or all}; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "check-splice-safe: unknown option $1" >&2; exit 2 ;;
    *) clips+=("$1"); shift ;;
  esac
done
((${#clips[@]})) || clips=(../shared/media/flower_720p30.mp4 ../shared/media/drive_1080p25.mp4)
for clip in "${clips[@]}"; do
  [ -f "$clip" ] || { echo "check-splice-safe: $clip: no such file" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/hesp-splice-safe.XXXXXX")
trap 'rm -rf "$work"' EXIT
swift build -c release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
hesp=$(swift build -c release --show-bin-path)/hesp

status=0
for clip in "${clips[@]}"; do
  name=$(basename "$clip" .mp4)
  for kind in plain safe; do
    options=(--splice-safe-frame-num) checks=(--strict)  # splice-safe is the default since issue 14
    [ "$kind" = plain ] && options=(--no-splice-safe-frame-num) checks=(--strict --allow-frame-num-gaps)
    "$hesp" package "$clip" -o "$work/$name-$kind" --quiet ${options[@]+"${options[@]}"} >/dev/null
    "$hesp" verify "$work/$name-$kind" "${checks[@]}" --splices "$splices" --json \
      >"$work/$name-$kind.verify.json" 2>/dev/null || true
    for track in "$work/$name-$kind"/video/*/; do
      id=$(basename "$track")
      segments=$(ls "$track" | grep '^content-' | sort -t- -k2 -n)
      (cd "$track" && cat header.mp4 $segments) >"$work/$name-$kind-$id.mp4"
      ffmpeg -nostdin -v error -i "$work/$name-$kind-$id.mp4" -f framemd5 - \
        2>"$work/$name-$kind-$id.log" | grep -v '^#' | awk -F, '{print $NF}' >"$work/$name-$kind-$id.md5"
    done
  done
  python3 - "$work" "$name" <<'PY' || status=1
import json, os, sys
work, name = sys.argv[1], sys.argv[2]
plain = json.load(open(f"{work}/{name}-plain.verify.json"))
safe = json.load(open(f"{work}/{name}-safe.verify.json"))
failures = []
if not safe["passed"]:
    failures.append(f"safe package fails --strict: {safe['findings'][:3]}")
print(f"{name}: plain package --strict: {'PASS' if plain['passed'] else 'FAIL'} "
      f"({len(plain['findings'])} findings); safe package --strict: {'PASS' if safe['passed'] else 'FAIL'}")
print(f"{'track':<8}{'splices':>8}{'gaps plain':>12}{'gaps safe':>11}{'drift mean':>12}{'drift min':>11}"
      f"{'same PSNR':>11}{'same MD5':>10}{'ffmpeg errors':>15}{'bytes added':>13}{'per P frame':>13}")
for p, s in zip(plain["tracks"], safe["tracks"]):
    tid = s["id"]
    same_psnr = [x["psnrYDecibels"] for x in p["splices"]] == [x["psnrYDecibels"] for x in s["splices"]]
    md5p = open(f"{work}/{name}-plain-{tid}.md5").read().split()
    md5s = open(f"{work}/{name}-safe-{tid}.md5").read().split()
    same_md5 = md5p == md5s and len(md5s) == s["frameCount"]
    errors = sum(1 for line in open(f"{work}/{name}-safe-{tid}.log") if line.strip())
    sizes = {k: sum(os.path.getsize(os.path.join(f"{work}/{name}-{k}/video/{tid}", f))
                    for f in os.listdir(f"{work}/{name}-{k}/video/{tid}") if f.startswith("content-"))
             for k in ("plain", "safe")}
    index = json.load(open(f"{work}/{name}-safe/frame-index.json"))
    frames = next(t for t in index["tracks"] if t["id"] == tid)["frames"]
    p_frames = sum(1 for f in frames if not f["isKeyframe"])
    added = sizes["safe"] - sizes["plain"]
    mean = s["driftPSNRYMeanDecibels"]
    print(f"{tid:<8}{s['splicesChecked']:>8}{p['frameNumGapSplices']:>12}{s['frameNumGapSplices']:>11}"
          f"{mean if mean is not None else 'exact':>12}{s['driftPSNRYMinDecibels'] or 'exact':>11}"
          f"{str(same_psnr):>11}{str(same_md5):>10}{errors:>15}{added:>13}{added / max(p_frames, 1):>13.2f}")
    if s["frameNumGapSplices"] or not same_psnr or not same_md5 or errors:
        failures.append(f"track {tid}: gaps {s['frameNumGapSplices']}, same PSNR {same_psnr}, same MD5 {same_md5}, ffmpeg errors {errors}")
for failure in failures:
    print(f"check-splice-safe: {name}: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
PY
done
exit $status
