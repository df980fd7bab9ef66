#!/usr/bin/env bash
# Peak memory and wall time of `orthorebasin run` on one experiment, cold (an empty artifacts folder), as a user runs it:
# /usr/bin/time -v gives "Maximum resident set size" of the whole process. Also samples the RSS twice a second and
# prints the largest value seen during each unit of work (train seed 1, align …, interpolate …), to say where a peak is.
#
#   bench/memory.sh [--experiment ID] [--data-dir DIR] [--no-build] [--keep]
#
# Target: cifar10-mlp-quick ≤ 2 GB. Printed, not enforced.
set -euo pipefail

experiment=cifar10-mlp-quick data_dir="${ORTHOREBASIN_DATA:-data}" build=1 keep=0
while (($#)); do
  case "$1" in
    --experiment|-e) experiment="$2"; shift ;;
    --data-dir) data_dir="$2"; shift ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: bench/memory.sh [--experiment ID] [--data-dir DIR] [--no-build] [--keep]" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/run-setup.sh"
data_dir=$(cd "$data_dir" && pwd)  # relative to the repository root, like the default

/usr/bin/time -v -o "$logs/time.txt" dotnet "$cli" run -e "$experiment" --data-dir "$data_dir" --artifacts "$artifacts" >"$logs/run.log" 2>&1 &
runner=$!
# The CLI is the child of /usr/bin/time; sample its RSS (kB) with the number of lines printed so far.
sleep 0.2
cli_pid=$(pgrep -P "$runner" | head -1 || true)
while kill -0 "$runner" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$cli_pid/status" 2>/dev/null || true)
  [[ -n "$rss" ]] && echo "$(wc -l <"$logs/run.log") $rss" >>"$logs/rss.txt"
  sleep 0.5
done
wait "$runner" || { echo "run failed; log: $logs/run.log" >&2; keep=1; tail -20 "$logs/run.log" >&2; exit 1; }

echo "orthorebasin run -e $experiment, $(nproc) logical CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
awk '/Elapsed \(wall clock\)/ { print "wall:", $NF }
     /Maximum resident set size/ { printf "peak RSS: %.0f MB\n", $NF / 1024 }' "$logs/time.txt"
echo
echo "| largest RSS MB while computing | unit |"
echo "|---:|---|"
# A unit's line is printed when it ends: samples taken with n lines printed belong to line n + 1.
awk 'NR == FNR { peak[$1 + 1] = ($2 > peak[$1 + 1]) ? $2 : peak[$1 + 1]; next }
     /^\[/ && (FNR in peak) { sub(/^\[[^]]*\] */, ""); printf "| %.0f | %s |\n", peak[FNR] / 1024, $0 }' "$logs/rss.txt" "$logs/run.log"
