#!/usr/bin/env bash
# Runs `hesp simulate` and `python3 sabre.py` side by side on Sabre network JSON traces and
# diffs their summaries line by line (Sabre's stray BOLA-E buffer print is dropped).
#
#   Tools/crosscheck-sabre.sh SABRE_CHECKOUT [TRACE_DIR_OR_FILE...]
#
# Default traces: the Sabre JSON traces of ../shared/traces/sabre (movie.json for 3G/FCC-SD and
# network.json, bbb4k.json for 4G/FCC-HD). Every ABR, with and without abandonment, and a set of
# Sabre options (-ab, -ao, -noibr, -ma sliding, -r left/right, -b 12, -nm 0.5, -gp 3).
# With VERBOSE=1, compares the whole `-v` per-segment logs instead of the summaries.
# Prints one line per mismatch and a final count; exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
SABRE="${1:?usage: Tools/crosscheck-sabre.sh SABRE_CHECKOUT [TRACES...]}"
shift
PY="$SABRE/src/sabre.py"
[[ -f "$PY" ]] || { echo "error: $PY not found" >&2; exit 1; }
SHARED=../shared/traces/sabre
if [[ $# -eq 0 ]]; then set -- "$SHARED/network.json" "$SHARED/3Glogs" "$SHARED/4Glogs" "$SHARED/hd_fs" "$SHARED/sd_fs"; fi
swift build -c release --product hesp >&2
HESP="$(swift build -c release --show-bin-path)/hesp"

traces=()
for path in "$@"; do
  if [[ -d "$path" ]]; then
    while IFS= read -r f; do traces+=("$f"); done < <(find "$path" -maxdepth 1 -name '*.json' | sort)
  else
    traces+=("$path")
  fi
done

# "sabre flags|hesp flags"
variants=(
  "|" "-noa|" "-ab|--abr-basic" "-ao|--abr-osc" "-noibr|--no-ibr" "-ma sliding|--moving-average sliding"
  "-r left|--replace left" "-r right|--replace right" "-b 12|--buffer-size 12" "-nm 0.5|--network-multiplier 0.5"
  "-gp 3|--gamma-p 3" "-hl 2 10|--half-life 2,10" "-ws 2 5|--window-size 2,5 --moving-average sliding"
)
sessions=0
mismatches=0
for trace in "${traces[@]}"; do
  case "$trace" in *4Glogs* | *hd_fs*) movie="$SHARED/bbb4k.json" ;; *) movie="$SHARED/movie.json" ;; esac
  for abr in bola bolae throughput dynamic dynamicdash; do
    for variant in "${variants[@]}"; do
      sabre_flags="${variant%%|*}"
      hesp_flags="${variant#*|}"
      # Sabre's default is abandonment on: hesp's is off (= -noa).
      [[ "$sabre_flags" == *-noa* ]] || hesp_flags="$hesp_flags --abandon"
      [[ "$sabre_flags" == "-ws 2 5" ]] && sabre_flags="-ma sliding -ws 2 5"
      if [[ "${VERBOSE:-0}" == 1 ]]; then
        expected=$(python3 "$PY" -n "$trace" -m "$movie" -a "$abr" -v $sabre_flags | grep -v '^[0-9.]*$' || true)
        lines=$(printf '%s\n' "$expected" | wc -l)
        actual=$("$HESP" simulate --movie "$movie" --trace "$trace" --abr "$abr" --verbose $hesp_flags | head -n "$lines" || true)
      else
        expected=$(python3 "$PY" -n "$trace" -m "$movie" -a "$abr" $sabre_flags | grep -v '^[0-9.]*$' | grep -v WARNING || true)
        actual=$("$HESP" simulate --movie "$movie" --trace "$trace" --abr "$abr" $hesp_flags | head -24 || true)
      fi
      sessions=$((sessions + 1))
      if [[ "$expected" != "$actual" ]]; then
        mismatches=$((mismatches + 1))
        echo "MISMATCH $trace $abr sabre[$sabre_flags] hesp[$hesp_flags]"
        diff <(echo "$expected") <(echo "$actual") | head -6 || true
      fi
    done
  done
done
echo "$sessions sessions compared, $mismatches mismatches"
[[ $mismatches -eq 0 ]]
