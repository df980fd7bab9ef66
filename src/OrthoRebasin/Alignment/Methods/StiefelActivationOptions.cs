using OrthoRebasin.Models;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>stiefel-activation</c>: the Cayley optimiser on the activation objective.</summary>
public sealed record StiefelActivationOptions
{
    public StiefelInit Init { get; init; } = StiefelInit.Identity;

    [AtLeast(1)]
    public int Steps { get; init; } = 100;

    [Positive]
    public double Lr { get; init; } = 1.0;

    [AtLeast(0)]
    public double Tol { get; init; } = 1e-6;

    public ActivationKind Activations { get; init; } = ActivationKind.Post;
}
