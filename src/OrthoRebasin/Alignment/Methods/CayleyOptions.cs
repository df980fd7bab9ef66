using OrthoRebasin.Validation;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>The options both Stiefel methods share: Riemannian gradient descent on O(d) with the Cayley retraction.</summary>
public abstract record CayleyOptions
{
    public StiefelInit Init { get; init; } = StiefelInit.Identity;

    /// <summary>Attempted steps (a rejected step counts).</summary>
    [AtLeast(1), AtMost(100_000, "each step updates every group")]
    public int Steps { get; init; } = 100;

    /// <summary>The initial step τ of the Cayley retraction; halved whenever a step would raise the objective, never grown.</summary>
    [Positive]
    public double Lr { get; init; } = 1.0;

    /// <summary>Stop when the relative decrease of the objective in a step is below this.</summary>
    [AtLeast(0)]
    public double Tol { get; init; } = 1e-6;

    /// <summary>
    /// Descends <paramref name="objective"/> from the start these options name; a non-finite objective is reported as
    /// <paramref name="method"/>'s on the first group whose share is not finite, from its weights or its activations.
    /// </summary>
    internal AlignmentResult Descend(AlignmentProblem problem, string method, Solvers.IOrthogonalObjective objective, bool onActivations) =>
        new Solvers.CayleyDescent(Steps, Lr, Tol).Align(problem, objective, () => StiefelStart.Transforms(problem, Init),
            (group, failure) => failure.In(method, group, onActivations ? NumericalGuard.Activations : NumericalGuard.Parameters(problem.Spec, group, incomingOnly: false)));
}
