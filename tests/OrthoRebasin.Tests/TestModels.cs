using OrthoRebasin.Alignment;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests;

/// <summary>Small random models and inputs for tests, all from explicit seeds.</summary>
internal static class TestModels
{
    public static ParameterSet Random(Mlp mlp, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return mlp.Initialize(generator, CPU);
    }

    public static Tensor Inputs(int count, int features, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return randn(count, features, generator: generator);
    }

    public static AlignmentProblem Problem(Mlp mlp, ParameterSet a, ParameterSet b, Tensor samples, int seed = 0) =>
        new(mlp.Symmetry, a, b, (p, kind) => mlp.GroupActivations(p, samples, kind), seed);

    /// <summary>Same shape and bit-identical values (TorchSharp's <c>equal</c> is element-wise, unlike PyTorch's).</summary>
    public static bool Identical(Tensor x, Tensor y)
    {
        if (!x.shape.SequenceEqual(y.shape))
        {
            return false;
        }

        using var same = x.eq(y).all();
        return same.item<bool>();
    }

    public static double MaxAbsDifference(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        return (x.to(float64) - y.to(float64)).abs().max().item<double>();
    }
}
