using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>procrustes-activation</c>.</summary>
public sealed record ProcrustesActivationOptions
{
    public ActivationKind Activations { get; init; } = ActivationKind.Post;

    public bool Center { get; init; }

    /// <summary>B's activations of layer l are computed with layers &lt; l already transformed (what B' computes).</summary>
    public bool Sequential { get; init; } = true;

    [Positive]
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}
