using OrthoRebasin.Validation;


namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>polar</c>.</summary>
public sealed record PolarOptions
{
    /// <summary>Floor of the eigenvalues of MᵀM, relative to the largest; 0 reproduces the study's breakdown on rank-deficient M.</summary>
    [AtLeast(0)]
    public double Eps { get; init; } = 1e-12;
}
