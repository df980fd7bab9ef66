using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Interpolation;

/// <summary>Per-unit mean and population standard deviation (float64 vectors) of a pre-activation.</summary>
public sealed class UnitStatistics : IDisposable
{
    /// <summary>
    /// The most elements of a layer's output converted to float64 at once by <see cref="OfOutput"/> (32 MB of float64):
    /// the statistics of a wide convolution on a calibration set never hold a float64 copy of the whole output.
    /// </summary>
    public const long ChunkElements = 1L << 22;

    private UnitStatistics(Tensor mean, Tensor std)
    {
        Mean = mean;
        Std = std;
    }

    public Tensor Mean { get; }

    public Tensor Std { get; }

    /// <summary>The statistics of <paramref name="z"/> (samples × units) over its rows, in float64; σ = sqrt(mean((z − μ)²)).</summary>
    public static UnitStatistics Of(Tensor z)
    {
        if (z.dim() != 2 || z.shape[0] < 1)
        {
            throw new ArgumentException($"A pre-activation is (samples × units) with at least one sample; got [{string.Join(", ", z.shape)}].", nameof(z));
        }

        return OfOutput(z);
    }

    /// <summary>
    /// The statistics of a layer's output <paramref name="z"/> (n × units, or n × C × H × W: units on axis 1, every
    /// position of every sample an observation, as <see cref="IArchitecture.UnitRows"/>), in float64 and in two passes
    /// (the mean, then the squared deviations from it) over chunks of at most <see cref="ChunkElements"/> elements, so
    /// that only a chunk is ever converted to float64.
    /// </summary>
    public static UnitStatistics OfOutput(Tensor z)
    {
        if (z.dim() < 2 || z.shape[0] < 1)
        {
            throw new ArgumentException($"A layer's output has samples on axis 0 and units on axis 1, with at least one sample; got [{string.Join(", ", z.shape)}].", nameof(z));
        }

        using var scope = NewDisposeScope();
        var x = z.detach();
        var samples = x.shape[0];
        var perSample = Math.Max(1L, x.numel() / samples);
        var chunk = Math.Max(1L, ChunkElements / perSample);
        var units = x.shape[1];

        // Each chunk's float64 rows are made inside the loop's own scope, so they are freed before the next.
        Tensor Rows(long start) => IArchitecture.UnitRows(x.narrow(0, start, Math.Min(chunk, samples - start))).to(float64);

        var sum = zeros(units, float64, x.device);
        long rows = 0;
        for (long start = 0; start < samples; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            var c = Rows(start);
            sum.add_(c.sum([0L]));
            rows += c.shape[0];
        }

        var mean = sum / rows;
        var squares = zeros(units, float64, x.device);
        for (long start = 0; start < samples; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            squares.add_((Rows(start) - mean).square().sum([0L]));
        }

        var std = (squares / rows).sqrt();
        return new UnitStatistics(mean.MoveToOuterDisposeScope(), std.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        Mean.Dispose();
        Std.Dispose();
    }
}
