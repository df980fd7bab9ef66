using static TorchSharp.torch;

namespace OrthoRebasin.Interpolation;

/// <summary>Per-unit mean and population standard deviation (float64 vectors) of a pre-activation (n × units).</summary>
public sealed class UnitStatistics : IDisposable
{
    private UnitStatistics(Tensor mean, Tensor std)
    {
        Mean = mean;
        Std = std;
    }

    public Tensor Mean { get; }

    public Tensor Std { get; }

    /// <summary>The statistics of <paramref name="z"/> over its rows, in float64; σ = sqrt(mean((z − μ)²)).</summary>
    public static UnitStatistics Of(Tensor z)
    {
        if (z.dim() != 2 || z.shape[0] < 1)
        {
            throw new ArgumentException($"A pre-activation is (samples × units) with at least one sample; got [{string.Join(", ", z.shape)}].", nameof(z));
        }

        using var scope = NewDisposeScope();
        var x = z.detach().to(float64);
        var mean = x.mean([0L]);
        var std = (x - mean).square().mean([0L]).sqrt();
        return new UnitStatistics(mean.MoveToOuterDisposeScope(), std.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        Mean.Dispose();
        Std.Dispose();
    }
}
