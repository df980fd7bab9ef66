"""Time scipy's linear_sum_assignment on the benchmark's matrices and compare optima.

Usage: /usr/bin/python3 bench/scipy_lap.py [CSV written by `OrthoRebasin.Benchmarks lap`]
Regenerates each matrix with the same counter-based SplitMix64 as bench/OrthoRebasin.Benchmarks/SplitMix64Costs.cs.
Exits 1 if any optimum differs from the C# one by more than a relative 1e-12.
"""
import csv
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
TOLERANCE = 1e-12


def splitmix64_costs(n, seed):
    k = np.arange(1, n * n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return ((z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))).reshape(n, n)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "orthorebasin-lap.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))

    print(f"scipy {scipy.__version__} linear_sum_assignment(maximize=True), numpy {np.__version__}, {os.cpu_count()} CPUs")
    print()
    print("| n | reps | scipy median ms | scipy min ms | C# median ms | scipy optimum | C# optimum | rel. diff | same assignment |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
    failed = False
    for row in rows:
        n, seed, reps = int(row["n"]), int(row["seed"]), int(row["reps"])
        cost = splitmix64_costs(n, seed)
        for _ in range(2):
            linear_sum_assignment(cost, maximize=True)
        samples = []
        for _ in range(reps):
            start = time.perf_counter()
            _, cols = linear_sum_assignment(cost, maximize=True)
            samples.append((time.perf_counter() - start) * 1000)
        # Same summation order as the C# harness: row by row.
        optimum_rowwise = 0.0
        for i in range(n):
            optimum_rowwise += float(cost[i, cols[i]])
        theirs = float(row["optimum"])
        rel = abs(optimum_rowwise - theirs) / max(1.0, abs(theirs))
        failed |= rel > TOLERANCE
        same = "yes" if assignment_hash(cols) == row["assignment_fnv1a"] else "no"
        print(f"| {n} | {reps} | {statistics.median(samples):.2f} | {min(samples):.2f} | {float(row['median_ms']):.2f} "
              f"| {optimum_rowwise!r} | {theirs!r} | {rel:.1e} | {same} |")
    print()
    print("FAILED: optima differ" if failed else f"all optima agree within a relative {TOLERANCE}")
    return 1 if failed else 0


def assignment_hash(cols):
    """FNV-1a 64 over the assignment as little-endian int32s, as the C# harness writes it."""
    h = 0xCBF29CE484222325
    for b in np.asarray(cols, dtype="<i4").tobytes():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


if __name__ == "__main__":
    sys.exit(main())
