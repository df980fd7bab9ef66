using OrthoRebasin.Models;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>reflection</c>: one Householder reflection per hidden layer.</summary>
public sealed record ReflectionOptions
{
    public ReflectionSolver Solver { get; init; } = ReflectionSolver.Eig;

    public ReflectionTarget On { get; init; } = ReflectionTarget.Weights;

    /// <summary>Adam steps (solver adam).</summary>
    [AtLeast(1), AtMost(100_000, "each step updates every group")]
    public int Steps { get; init; } = 500;

    /// <summary>Adam learning rate (solver adam).</summary>
    [Positive]
    public double Lr { get; init; } = 1e-2;

    public ActivationKind Activations { get; init; } = ActivationKind.Post;
}
