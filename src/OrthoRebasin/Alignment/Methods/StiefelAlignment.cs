using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>stiefel</c> (docs/METHODS.md §3, the study's "Stiefel (on weights)"): minimises
/// F(T) = Σ_p ||A_p − T(B)_p||² over every group's T ∈ O(d) jointly by Riemannian gradient descent with the Cayley
/// retraction (<see cref="CayleyDescent"/>). Diagnostics give each group's share of F (<see cref="WeightDistanceObjective"/>).
/// </summary>
public sealed class StiefelAlignment(StiefelOptions options) : IAlignmentMethod
{
    public string Id => "stiefel";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        using var objective = new WeightDistanceObjective(problem.Spec, problem.A, problem.B);
        return options.Descend(problem, Id, objective, onActivations: false);
    }
}
