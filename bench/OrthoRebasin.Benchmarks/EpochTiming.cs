using System.Globalization;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// One timed <c>Trainer.Train</c> call: seconds of every epoch (the first is the warm-up), per epoch the cores other
/// processes kept busy, the RSS (MB) and the live TorchSharp tensors after it; the last epoch's mean loss; and the
/// tensors the call left alive once its result was disposed.
/// </summary>
public sealed record EpochTiming(
    IReadOnlyList<double> Seconds, IReadOnlyList<double> OtherCores, IReadOnlyList<long> Rss, IReadOnlyList<long> Live,
    double FinalLoss, long LeftAlive)
{
    /// <summary>The measured epochs (all but the warm-up), fastest first.</summary>
    public double[] Measured => [.. Seconds.Skip(1).Order()];

    /// <summary>The median of the measured epochs (the upper one of an even count).</summary>
    public double Median => Measured[Measured.Length / 2];

    /// <summary>A row of <see cref="EpochBenchmark.TableHeader"/>'s table.</summary>
    public string TableRow(string name)
    {
        var measured = Measured;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {measured.Length} | {Median:F3} | {measured[0]:F3} | {measured[^1]:F3} | {Seconds[0]:F3} | "
            + $"{string.Join(" ", OtherCores.Select(o => o.ToString("F2", CultureInfo.InvariantCulture)))} | {string.Join(" ", Rss)} | {string.Join(" ", Live)} |");
    }

    /// <summary>A row of <see cref="EpochBenchmark.CsvHeader"/>'s CSV; the cores column is the most others used during a measured epoch.</summary>
    public string CsvRow(string name, int threads, string model)
    {
        var measured = Measured;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name},{threads},{measured.Length},{Median:F4},{measured[0]:F4},{measured[^1]:F4},{Seconds[0]:F4},{OtherCores.Skip(1).Max():F2},{FinalLoss:R},{model}");
    }
}
