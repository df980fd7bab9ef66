using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>whitened-procrustes</c>.</summary>
public sealed record WhitenedProcrustesOptions
{
    /// <summary>Floor of the eigenvalues of C_W before the inverse square root; must be positive, or C_W^{-1/2} can be infinite.</summary>
    [Positive]
    public double Eps { get; init; } = 1e-8;

    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
