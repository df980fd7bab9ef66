using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>svd-weight</c>.</summary>
public sealed record SvdWeightOptions
{
    public SignFix SignFix { get; init; } = SignFix.None;

    /// <summary>Use only the k dominant singular vectors; 0 uses all.</summary>
    [AtLeast(0), AtMost(65_536, "no layer is wider than 65536")]
    public int Rank { get; init; }

    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
