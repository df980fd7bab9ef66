using System.Globalization;
using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Times <see cref="LinearAssignment.Maximize(ReadOnlySpan{double}, int)"/> on seeded uniform costs and writes
/// each optimum to a CSV that bench/scipy_lap.py checks against scipy's linear_sum_assignment.
/// </summary>
public static class LapBenchmark
{
    private const ulong Seed = 20261127;

    private static readonly (int N, int Reps)[] _sizes = [(128, 31), (512, 15), (1024, 9), (2048, 5)];

    public static int Run(string[] args)
    {
        var output = args.Length >= 2 && args[0] == "--out"
            ? args[1]
            : Path.Combine(Path.GetTempPath(), "orthorebasin-lap.csv");
        var lines = new List<string> { "n,seed,reps,median_ms,min_ms,optimum,assignment_fnv1a" };

        Console.WriteLine($"LinearAssignment.Maximize, uniform [0,1) SplitMix64 costs, seed {Seed}; "
            + $"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| n | reps | median ms | min ms | optimum |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var (n, reps) in _sizes)
        {
            var cost = SplitMix64Costs.Generate(n, Seed + (ulong)n);
            int[] assignment = [];
            var timing = Timing.Measure(() => assignment = LinearAssignment.Maximize(cost, n), warmUp: 2, reps);
            var optimum = Optimum(cost, n, assignment);
            var optimumText = optimum.ToString("R", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {reps} | {timing.MedianMs:F2} | {timing.MinMs:F2} | {optimumText} |"));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{n},{Seed + (ulong)n},{reps},{timing.MedianMs:F3},{timing.MinMs:F3},{optimumText},{AssignmentHash(assignment):x16}"));
        }

        File.WriteAllLines(output, lines);
        Console.WriteLine();
        Console.WriteLine($"optima written to {output}; compare: /usr/bin/python3 bench/scipy_lap.py {output}");
        return 0;
    }

    /// <summary>FNV-1a 64 over the assignment as little-endian int32s; scipy_lap.py computes the same to compare.</summary>
    private static ulong AssignmentHash(int[] assignment)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var column in assignment)
        {
            for (var shift = 0; shift < 32; shift += 8)
            {
                hash = unchecked((hash ^ (byte)(column >> shift)) * 0x100000001B3UL);
            }
        }

        return hash;
    }

    private static double Optimum(double[] cost, int n, int[] assignment)
    {
        var seen = new bool[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var j = assignment[i];
            if (seen[j])
            {
                throw new InvalidOperationException($"Column {j} is assigned twice: not a permutation.");
            }

            seen[j] = true;
            sum += cost[(i * n) + j];
        }

        return sum;
    }
}
