using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// An objective F(T) over one matrix per symmetry group, minimised over orthogonal matrices by
/// <see cref="CayleyDescent"/>. F is written in float64 and differentiable in the matrices.
/// </summary>
internal interface IOrthogonalObjective : IDisposable
{
    /// <summary>F(T) as a float64 scalar whose autograd graph reaches every matrix of <paramref name="transforms"/>.</summary>
    Tensor Value(IReadOnlyDictionary<string, Tensor> transforms);

    /// <summary>Each group's share of F (the shares sum to F), for the per-group diagnostics.</summary>
    IReadOnlyDictionary<string, double> Shares(IReadOnlyDictionary<string, Tensor> transforms);
}
