using System.Diagnostics;

namespace OrthoRebasin.Benchmarks;

/// <summary>Median and minimum wall time of repeated runs, after warm-up runs that are not counted.</summary>
public sealed record Timing(double MedianMs, double MinMs, int Reps)
{
    public static Timing Measure(Action action, int warmUp, int reps)
    {
        for (var w = 0; w < warmUp; w++)
        {
            action();
        }

        var samples = new double[reps];
        for (var r = 0; r < reps; r++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            samples[r] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Timing(samples[reps / 2], samples[0], reps);
    }
}
