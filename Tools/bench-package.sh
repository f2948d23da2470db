#!/usr/bin/env bash
# Packaging cost: `hesp package` against the equivalent ffmpeg CLI pipeline, same input, same
# ladder, same x264 settings (DESIGN.md §5). Prints CPU-time and wall-time ratios hesp/ffmpeg.
#
# The ffmpeg pipeline does the same encoding work as hesp:
#   1. one ffmpeg decodes the source once and encodes every rung's continuation
#      (scale + libx264, bframes=0 ref=1 scenecut=0 open-gop=0 stitchable=1, fixed GOP, VBV);
#   2. per rung (concurrently), a second ffmpeg decodes that continuation and encodes it
#      all-intra (forced IDR every frame, constant QP, ipratio=1): the initialization stream.
# hesp additionally writes CMAF per frame, init packets, indexes and PSNR-Y of every frame.
#
# Usage: [THREADS=1] Tools/bench-package.sh INPUT [LADDER] [FRAMES] [PRESET]
#   e.g. Tools/bench-package.sh ../shared/media/flower_720p30.mp4 720p@3000k,480p@1200k,360p@600k 300
# Uses the release build (.build/release/hesp; built if missing). Needs ffmpeg and ffprobe.
set -euo pipefail
cd "$(dirname "$0")/.."
input="${1:?usage: Tools/bench-package.sh INPUT [LADDER] [FRAMES] [PRESET]}"
ladder="${2:-720p@3000k,480p@1200k,360p@600k}"
frames="${3:-}"
preset="${4:-veryfast}"
gop_seconds=2
init_qp=16
threads="${THREADS:-1}"   # x264 threads per encoder, same for both (hesp's default is 1: deterministic)

[ -x .build/release/hesp-media ] || swift build -c release >&2
hesp=.build/release/hesp
work="$(mktemp -d "${TMPDIR:-/tmp}/hesp-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

rate="$(ffprobe -v error -select_streams v:0 -show_entries stream=avg_frame_rate -of csv=p=0 "$input")"
src_w="$(ffprobe -v error -select_streams v:0 -show_entries stream=width -of csv=p=0 "$input")"
src_h="$(ffprobe -v error -select_streams v:0 -show_entries stream=height -of csv=p=0 "$input")"
gop="$(python3 -c "from fractions import Fraction as F; print(max(1, round($gop_seconds * F('$rate'))))")"
frame_args=(); hesp_frames=()
if [ -n "$frames" ]; then frame_args=(-frames:v "$frames"); hesp_frames=(--frames "$frames"); fi
base_params="bframes=0:ref=1:scenecut=0:open-gop=0:stitchable=1"

TIMEFORMAT='%R %U %S'
measure() { # prints "wall cpu" of the command (children included)
  local t
  t="$( { time "$@" >/dev/null 2>"$work/err" ; } 2>&1 )" || { cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$t"
}

# --- ffmpeg CLI pipeline -------------------------------------------------------------------
ffmpeg_pipeline() {
  local outputs=() rung h kbps w i=0
  IFS=, read -ra rungs <<<"$ladder"
  for rung in "${rungs[@]}"; do
    h="${rung%%p@*}"; kbps="${rung##*@}"; kbps="${kbps%k}"
    w="$(python3 -c "print(round($h * $src_w / $src_h / 2) * 2)")"
    outputs+=(-map 0:v:0 "${frame_args[@]}" -vf "scale=${w}:${h}:flags=bicubic,format=yuv420p" -c:v libx264 -preset "$preset"
      -threads "$threads" -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "$((2 * kbps))k" -g "$gop" -keyint_min "$gop" -bf 0 -refs 1
      -x264-params "$base_params" -movflags +frag_every_frame+empty_moov+default_base_moof "$work/cont-$i.mp4")
    i=$((i + 1))
  done
  ffmpeg -v error -y -i "$input" -an "${outputs[@]}"
  for ((j = 0; j < i; j++)); do
    ffmpeg -v error -y -i "$work/cont-$j.mp4" -c:v libx264 -preset "$preset" -threads "$threads" -qp "$init_qp" -g "$gop" \
      -keyint_min "$gop" -bf 0 -refs 1 -forced-idr 1 -force_key_frames 'expr:1' \
      -x264-params "$base_params:ipratio=1" -movflags +frag_every_frame+empty_moov+default_base_moof \
      "$work/init-$j.mp4" &
  done
  wait
}
export -f ffmpeg_pipeline
runs="${RUNS:-3}"   # alternating runs; the medians are compared (the machine may be shared)
ff_walls=(); ff_cpus=(); hesp_walls=(); hesp_cpus=()
for ((r = 1; r <= runs; r++)); do
  read -r w c < <(measure bash -c "$(declare -p input ladder preset gop frame_args base_params src_w src_h work init_qp threads); $(declare -f ffmpeg_pipeline); ffmpeg_pipeline")
  ff_walls+=("$w"); ff_cpus+=("$c")
  rm -rf "$work/hesp-out"
  read -r w c < <(measure "$hesp" package "$input" -o "$work/hesp-out" --ladder "$ladder" \
    --gop "$gop_seconds" --init-qp "$init_qp" --preset "$preset" --threads "$threads" "${hesp_frames[@]}" --quiet --json)
  hesp_walls+=("$w"); hesp_cpus+=("$c")
  echo "run $r: ffmpeg wall ${ff_walls[-1]} s CPU ${ff_cpus[-1]} s | hesp wall $w s CPU $c s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ff_wall="$(median "${ff_walls[@]}")"; ff_cpu="$(median "${ff_cpus[@]}")"
hesp_wall="$(median "${hesp_walls[@]}")"; hesp_cpu="$(median "${hesp_cpus[@]}")"

echo "input:   $input (${src_w}x${src_h} @ $rate fps), frames: ${frames:-all}, ladder: $ladder, preset: $preset, x264 threads: $threads"
printf '%-8s %10s %10s   (median of %d runs)\n' "" "wall s" "CPU s" "$runs"
printf '%-8s %10.2f %10.2f\n' ffmpeg "$ff_wall" "$ff_cpu" hesp "$hesp_wall" "$hesp_cpu"
python3 -c "print(f'ratio hesp/ffmpeg: CPU {$hesp_cpu / $ff_cpu:.3f}, wall {$hesp_wall / $ff_wall:.3f}')"
