#!/usr/bin/env bash
# Training speed with and without one competing busy process, for several libgomp spin counts, beside PyTorch.
#
#   bench/contention.sh [--epochs 3] [--settings "cli 300000 passive 10000"] [--optimizer sgd]
#                       [--mnist DIR] [--competitor spin|train] [--no-build] [--no-peer]
#
# For each condition (quiet, then busy: one competing process), runs the `epoch` benchmark once per setting and
# the PyTorch peer (bench/torch_epoch.py, torch threads 1 and 2) in the same conditions, and prints one table.
# A setting is the OpenMP wait behaviour the benchmark's process starts with:
#   cli      neither variable set: what the CLI chooses (the benchmark applies the CLI's OpenMpWaiting policy)
#   passive  OMP_WAIT_POLICY=PASSIVE (a waiting thread sleeps at once)
#   N        GOMP_SPINCOUNT=N: a waiting thread spins N iterations, then sleeps; 300000 is libgomp's own default
#            (about 3 ms), what libtorch did before the CLI chose
# The competitor is one busy core (`spin`, a shell loop) or a second training run (`train`: the same benchmark at its
# defaults, 2 threads, restarted until the measurement ends).
set -euo pipefail

epochs=3
settings="cli 300000 passive 10000"
optimizer=sgd
mnist=""
competitor=spin
build=1
peer=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --epochs) epochs="$2"; shift 2 ;;
        --settings) settings="$2"; shift 2 ;;
        --optimizer) optimizer="$2"; shift 2 ;;
        --mnist) mnist="$2"; shift 2 ;;
        --competitor) competitor="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --no-peer) peer=0; shift ;;
        *) echo "contention.sh: unknown option '$1' (see the comment at the top of the script)" >&2; exit 1 ;;
    esac
done
case "$competitor" in spin|train) ;; *) echo "contention.sh: --competitor is spin or train, not '$competitor'" >&2; exit 1 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/bench/OrthoRebasin.Benchmarks"
if [[ $build == 1 ]]; then
    dotnet build -c Release "$project" -v quiet -nologo >/dev/null
fi
dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"
work="$(mktemp -d)"
competitor_pid=""
cleanup() {
    if [[ -n "$competitor_pid" ]]; then kill -- "-$competitor_pid" 2>/dev/null || kill "$competitor_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

data_args=()
if [[ -n "$mnist" ]]; then data_args=(--mnist "$mnist"); fi

start_competitor() {
    if [[ $competitor == spin ]]; then
        setsid bash -c 'while :; do :; done' &
    else
        setsid bash -c "while :; do dotnet '$dll' epoch --epochs 50 --optimizer sgd --out '$work/competitor.csv' >/dev/null 2>&1; done" &
    fi
    competitor_pid=$!
    sleep 5
}

stop_competitor() {
    kill -- "-$competitor_pid" 2>/dev/null || true
    wait "$competitor_pid" 2>/dev/null || true
    competitor_pid=""
    sleep 3
}

run_setting() { # condition setting
    local condition="$1" setting="$2" out="$work/$1-$2.csv"
    local -a envs=(env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT)
    case "$setting" in
        cli) ;;
        passive) envs+=(OMP_WAIT_POLICY=PASSIVE) ;;
        *) envs+=(GOMP_SPINCOUNT="$setting") ;;
    esac
    "${envs[@]}" dotnet "$dll" epoch --epochs "$epochs" --optimizer "$optimizer" "${data_args[@]}" --out "$out" >/dev/null
    tail -n +2 "$out" | while IFS=, read -r opt threads n median min max warmup others loss; do
        echo "$condition,OrthoRebasin ($setting),$threads,$median,$max,$others"
    done
}

run_peer() { # condition
    [[ $peer == 1 ]] || return 0
    /usr/bin/python3 "$root/bench/torch_epoch.py" --threads 1,2 --epochs "$epochs" --optimizer "$optimizer" "${data_args[@]}" \
        | awk -F'|' -v c="$1" '/^\| (sgd|adam) \|/ { for (i = 2; i <= 9; i++) gsub(/^ +| +$/, "", $i); printf "%s,PyTorch,%s,%s,%s,%s\n", c, $3, $5, $7, $9 }'
}

rows="$work/rows.csv"
for condition in quiet busy; do
    if [[ $condition == busy ]]; then start_competitor; fi
    for setting in $settings; do run_setting "$condition" "$setting" >>"$rows"; done
    run_peer "$condition" >>"$rows"
    if [[ $condition == busy ]]; then stop_competitor; fi
done

echo
echo "epoch benchmark ($optimizer, $epochs measured epochs after a warm-up), competitor: $competitor"
echo
echo "| setting | threads | quiet median s | busy median s | busy / quiet median | busy worst s | busy worst / quiet median | others' cores (busy) |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
awk -F, '
    $1 == "quiet" { key = $2 "|" $3; quiet[key] = $4; order[++n] = key }
    $1 == "busy"  { key = $2 "|" $3; busy[key] = $4; worst[key] = $5; others[key] = $6 }
    END {
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, p, "|")
            if (k in busy) {
                printf "| %s | %s | %.3f | %.3f | %.2f | %.3f | %.2f | %s |\n", p[1], p[2], quiet[k], busy[k], busy[k] / quiet[k], worst[k], worst[k] / quiet[k], others[k]
            }
        }
    }' "$rows"
