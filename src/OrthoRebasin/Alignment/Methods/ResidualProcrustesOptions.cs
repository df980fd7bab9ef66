using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>residual-procrustes</c>.</summary>
public sealed record ResidualProcrustesOptions
{
    public StreamActivations Stream { get; init; } = StreamActivations.All;

    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
