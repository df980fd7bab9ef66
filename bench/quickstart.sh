#!/usr/bin/env bash
# Wall time and peak memory of `orthorebasin run` on the quickstart, end to end as a user runs it: a cold run
# into an empty artifacts folder, then warm reruns where every stage is cached. A process-level measurement,
# hence a script: /usr/bin/time -v gives the wall time and "Maximum resident set size" of the whole process.
#
#   bench/quickstart.sh [--no-build] [--warm N] [--threads N] [--keep]
#
# Targets: cold <= 60 s, warm <= 5 s, peak RSS <= 1 GB. Printed, not enforced: speed is never asserted.
set -euo pipefail

build=1 warm_runs=3 keep=0 threads_args=()
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --warm) warm_runs="$2"; shift ;;
    --threads) threads_args=(--threads "$2"); shift ;;
    --keep) keep=1 ;;
    *) echo "usage: bench/quickstart.sh [--no-build] [--warm N] [--threads N] [--keep]" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/run-setup.sh"

# Busy ticks of the whole machine (everything but idle and iowait), to state how many cores others used.
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }

# One run: prints "wall_s peak_mb own_cpu_s others_cores".
measure() {
  local log="$logs/$1.log" before after start end
  before=$(busy_ticks); start=$(date +%s.%N)
  if ! /usr/bin/time -v dotnet "$cli" run --artifacts "$artifacts" "${threads_args[@]}" >"$log" 2>&1; then
    echo "run failed; log: $log" >&2; keep=1; tail -20 "$log" >&2; exit 1
  fi
  end=$(date +%s.%N); after=$(busy_ticks)
  awk -v before="$before" -v after="$after" -v start="$start" -v end="$end" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time \(seconds\)/ { cpu += $NF }
    /System time \(seconds\)/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { others = ((after - before) / 100 - cpu) / (end - start); if (others < 0) others = 0
          printf "%.2f %.0f %.1f %.2f\n", wall, rss, cpu, others }' "$log"
}

echo "orthorebasin run (quickstart), $(nproc) logical CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
echo
echo "| run | wall s | peak RSS MB | CPU s (user+sys) | others' cores |"
echo "|---|---:|---:|---:|---:|"
read -r wall rss cpu others < <(measure cold)
echo "| cold | $wall | $rss | $cpu | $others |"
cold_wall=$wall; peak=$rss
warm_walls=()
for ((i = 1; i <= warm_runs; i++)); do
  read -r wall rss cpu others < <(measure "warm-$i")
  echo "| warm $i | $wall | $rss | $cpu | $others |"
  warm_walls+=("$wall")
  peak=$(awk -v a="$peak" -v b="$rss" 'BEGIN { print (b > a) ? b : a }')
done

warm_median=$(printf '%s\n' "${warm_walls[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "MISSED" }'; }
echo "cold $cold_wall s (target 60: $(verdict "$cold_wall" 60)); warm median $warm_median s (target 5: $(verdict "$warm_median" 5)); peak RSS $peak MB (target 1024: $(verdict "$peak" 1024))"
grep -h "^\[" "$logs/cold.log" | tail -n 3 || true
