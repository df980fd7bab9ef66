using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>procrustes-weight</c>: the orthogonal analogue of weight matching.</summary>
public sealed record ProcrustesWeightOptions
{
    [AtLeast(1), AtMost(100_000, "each iteration sweeps every group")]
    public int MaxIter { get; init; } = 100;

    /// <summary>Stop when a sweep raises the total correlation by less than this fraction.</summary>
    [AtLeast(0)]
    public double Tol { get; init; } = 1e-6;

    /// <summary>Rank threshold of the Procrustes solution (docs/METHODS.md §2).</summary>
    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
