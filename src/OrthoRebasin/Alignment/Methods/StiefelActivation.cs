using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>stiefel-activation</c> (docs/METHODS.md §3, the study's section 2.4): the Cayley optimiser of <c>stiefel</c> on
/// Σ_g ||Z_gᴬ − T_g Z_gᴮ||² (<see cref="ActivationDistanceObjective"/>). Diagnostics give each group's own term.
/// </summary>
public sealed class StiefelActivation(StiefelActivationOptions options) : IAlignmentMethod
{
    public string Id => "stiefel-activation";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var groups = problem.Spec.Groups.Select(g => g.Name).ToList();
        if (ActivationCorrelation.Streams(problem))
        {
            // A sample larger than one slice is never held whole: the objective's sums are accumulated slice by slice.
            using var streamed = ActivationDistanceObjective.Streamed(problem, groups, options.Activations);
            return options.Descend(problem, Id, streamed, onActivations: true);
        }

        using var activationsA = problem.ActivationsOf(problem.A, options.Activations);
        // B's original activations, not those of B with earlier layers transformed: the groups are optimised jointly, so there is no order to follow.
        using var activationsB = problem.ActivationsOf(problem.B, options.Activations);
        using var objective = new ActivationDistanceObjective(groups, activationsA, activationsB);
        return options.Descend(problem, Id, objective, onActivations: true);
    }
}
