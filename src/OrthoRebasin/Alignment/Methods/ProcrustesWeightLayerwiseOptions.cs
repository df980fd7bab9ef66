using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>procrustes-weight-layerwise</c>: one forward sweep over incoming weights.</summary>
public sealed record ProcrustesWeightLayerwiseOptions
{
    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
