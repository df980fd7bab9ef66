#!/usr/bin/env bash
# Fault injection on the quickstart: random kill -9 during a run, then a rerun to completion; two runs of the same
# experiment started together; two different experiments started together on one artifacts folder. Every final
# results.csv is compared, byte for byte, with a clean run's. A table per trial, then a summary line.
#
#   bench/faults.sh [--no-build] [--kills N] [--pairs N] [--max-delay SECONDS] [--experiment ID] [--keep]
#
# A process-level trial, hence a script (the test suite has in-process tests of each mechanism). Defaults: 20 kills,
# 5 concurrent pairs, kills uniformly within the first 30 s (a quiet cold quickstart takes ~10-40 s).
set -euo pipefail

build=1 kills=20 pairs=5 max_delay=30 experiment=quickstart keep=0
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --kills) kills="$2"; shift ;;
    --pairs) pairs="$2"; shift ;;
    --max-delay) max_delay="$2"; shift ;;
    --experiment) experiment="$2"; shift ;;
    --keep) keep=1 ;;
    *) echo "usage: bench/faults.sh [--no-build] [--kills N] [--pairs N] [--max-delay SECONDS] [--experiment ID] [--keep]" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/run-setup.sh"
run() { dotnet "$cli" run --experiment "$1" --artifacts "$2" >>"$logs/$(basename "$2").log" 2>&1; }
# The same in the background, with $! the pid of dotnet itself (a function would put a subshell between them, and a
# kill would leave the run going).
start() { dotnet "$cli" run --experiment "$1" --artifacts "$2" >>"$logs/$(basename "$2").log" 2>&1 & }
csv() { cat "$1/$experiment/results.csv" 2>/dev/null || echo missing; }

echo "clean reference run of $experiment"
run "$experiment" "$artifacts/reference"
reference=$(csv "$artifacts/reference")

printf '%-6s %-22s %10s %12s %10s\n' trial kind "kill at s" "exit codes" identical
same=0 total=0
for ((i = 1; i <= kills; i++)); do
  dir="$artifacts/kill-$i"
  delay=$(awk -v seed="$RANDOM" -v max="$max_delay" 'BEGIN { srand(seed); printf "%.2f", 0.5 + rand() * (max - 0.5) }')
  start "$experiment" "$dir"; pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  set +e; run "$experiment" "$dir"; rerun=$?; set -e
  ok=$([[ "$(csv "$dir")" == "$reference" ]] && echo yes || echo NO)
  [[ $ok == yes ]] && same=$((same + 1)); total=$((total + 1))
  printf '%-6s %-22s %10s %12s %10s\n' "$i" "kill -9 then rerun" "$delay" "$rerun" "$ok"
done

for ((i = 1; i <= pairs; i++)); do
  dir="$artifacts/same-$i"
  set +e
  start "$experiment" "$dir"; first=$!
  start "$experiment" "$dir"; second=$!
  wait "$first"; a=$?; wait "$second"; b=$?
  run "$experiment" "$dir"; c=$?
  set -e
  locked=$(grep -c "is being written by another run" "$logs/same-$i.log" || true)
  ok=$([[ "$(csv "$dir")" == "$reference" ]] && echo yes || echo NO)
  [[ $ok == yes ]] && same=$((same + 1)); total=$((total + 1))
  printf '%-6s %-22s %10s %12s %10s\n' "$i" "same experiment x2" "-" "$a,$b,$c" "$ok (refused $locked)"
done

# Two different experiments at once on one artifacts folder: both must finish.
dir="$artifacts/different"
set +e
start "$experiment" "$dir"; first=$!
start "$experiment-resmlp" "$dir"; second=$!
wait "$first"; a=$?; wait "$second"; b=$?
set -e
ok=$([[ "$(csv "$dir")" == "$reference" ]] && echo yes || echo NO)
[[ $ok == yes ]] && same=$((same + 1)); total=$((total + 1))
printf '%-6s %-22s %10s %12s %10s\n' 1 "two experiments at once" "-" "$a,$b" "$ok"

echo "$same of $total final results.csv identical to the clean run's"
