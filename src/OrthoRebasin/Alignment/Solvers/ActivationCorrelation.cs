using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>Σ_samples z^A z^Bᵀ for one group's activations (n × d each), optionally centred per unit, in float64.</summary>
internal static class ActivationCorrelation
{
    public static Tensor Compute(Tensor za, Tensor zb, bool center)
    {
        using var scope = NewDisposeScope();
        var a = za.detach().to(float64);
        var b = zb.detach().to(float64);
        if (center)
        {
            a = a - a.mean([0L], keepdim: true);
            b = b - b.mean([0L], keepdim: true);
        }
        return a.T.matmul(b).MoveToOuterDisposeScope();
    }
}
