using System.Diagnostics;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// Riemannian gradient descent on a product of orthogonal groups with the Cayley retraction (docs/METHODS.md §3), shared
/// by <c>stiefel</c> and <c>stiefel-activation</c>: G = ∇F by autograd in float64, A = G Tᵀ − T Gᵀ,
/// T ← (I + τ/2 A)⁻¹ (I − τ/2 A) T for every group at once. Safeguard: a step that raises F (or makes it non-finite) is
/// rejected and τ halved, so F never increases. Stops after <c>steps</c> attempted steps (accepted or rejected), or
/// when an accepted step lowers F by less than <c>tol</c> times F (or not at all): it has converged when it stopped on
/// <c>tol</c>, the last attempted step included, and not when <c>steps</c> ran out first. A Cayley curve from I never
/// leaves SO(d): from <c>init: identity</c> a group whose best T has det −1 is out of reach.
/// </summary>
internal sealed class CayleyDescent(int steps, double lr, double tol)
{
    /// <summary>The <see cref="LayerDiagnostics.Extra"/> key of the steps the safeguard rejected.</summary>
    public const string RejectedSteps = "rejected_steps";

    /// <summary>The <see cref="LayerDiagnostics.Extra"/> key of τ at the end, after every halving.</summary>
    public const string FinalStep = "final_tau";

    /// <summary>Runs the descent from <paramref name="start"/> (copied, so the caller keeps it).</summary>
    public CayleyRun Minimise(IOrthogonalObjective objective, IReadOnlyDictionary<string, Tensor> start)
    {
        var groups = start.Keys.ToList();
        var current = groups.ToDictionary(g => g, g => start[g].detach().to(float64).clone());
        var (value, gradient) = Evaluate(objective, current);
        var objectives = new List<double> { value };
        var step = lr;
        var (accepted, rejected) = (0, 0);
        var converged = false;
        for (var attempt = 0; attempt < steps; attempt++)
        {
            using var scope = NewDisposeScope();
            var candidate = groups.ToDictionary(g => g, g => Retract(current[g], gradient[g], step));
            var (candidateValue, candidateGradient) = Evaluate(objective, candidate);
            // Safeguard (METHODS leaves it open): a step that raises F, or makes it NaN, is rejected and τ halved for good.
            if (!(candidateValue <= value))
            {
                step /= 2;
                rejected++;
                continue;
            }

            foreach (var g in groups)
            {
                current[g].Dispose();
                gradient[g].Dispose();
                current[g] = candidate[g].MoveToOuterDisposeScope();
                gradient[g] = candidateGradient[g].MoveToOuterDisposeScope();
            }
            var decrease = value - candidateValue;
            value = candidateValue;
            objectives.Add(value);
            accepted++;
            if (decrease == 0 || decrease < tol * objectives[^2])
            {
                converged = true;
                break;
            }
        }

        foreach (var g in gradient.Values)
        {
            g.Dispose();
        }

        return new CayleyRun(current, objectives, accepted, rejected, step, converged);
    }

    /// <summary>
    /// The whole method: start where <paramref name="start"/> says (the clock includes it), descend, and report per group F's share
    /// at T = I and at the end. Iterations are accepted steps; seconds are the whole run's, initialisation included. Every
    /// group also carries the run's convergence, F after every accepted step, the rejected steps and the final τ.
    /// A share of F that is not finite at T = I (NaN in the inputs) would make the safeguard reject every step and return the
    /// start unchanged: it is reported instead, through <paramref name="failed"/>, which names the method and the group's input.
    /// </summary>
    public AlignmentResult Align(AlignmentProblem problem, IOrthogonalObjective objective, Func<GroupTransforms> start,
        Func<string, NumericalFailureException, NumericalFailureException> failed)
    {
        var clock = Stopwatch.StartNew();
        var spec = problem.Spec;
        using var identity = GroupTransforms.Identity(spec, problem.A.Entries.First().Value.device);
        var before = objective.Shares(identity.Matrices);
        if (spec.Groups.FirstOrDefault(g => !double.IsFinite(before[g.Name])) is { } broken)
        {
            throw failed(broken.Name, new NumericalFailureException("Cayley descent", $"its objective, the group's share of F at T = I, is {before[broken.Name]}", NumericalFailureKind.NonFinite));
        }

        using var initial = start();
        var run = Minimise(objective, initial.Matrices);
        var after = objective.Shares(run.Transforms);
        var result = new GroupTransforms(run.Transforms);
        var seconds = clock.Elapsed.TotalSeconds;
        // Objectives starts with F at the start; the trace holds F after each accepted step, one entry per iteration.
        var trace = run.Objectives.Skip(1).ToList();
        var extra = new Dictionary<string, double> { [RejectedSteps] = run.Rejected, [FinalStep] = run.FinalStep };
        var diagnostics = spec.Groups
            .Select(g => new LayerDiagnostics(g.Name, before[g.Name], after[g.Name], result.OrthogonalityDefect(g.Name), run.Accepted, seconds, extra)
            {
                Converged = run.Converged,
                ObjectiveTrace = trace,
            })
            .ToList();
        return new AlignmentResult(result, diagnostics);
    }

    private static (double Value, Dictionary<string, Tensor> Gradient) Evaluate(IOrthogonalObjective objective, IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        var groups = transforms.Keys.ToList();
        var leaves = groups.Select(g => transforms[g].detach().requires_grad_(true)).ToList();
        var value = objective.Value(groups.Zip(leaves).ToDictionary(x => x.First, x => x.Second));
        var gradients = autograd.grad([value], leaves);
        return (value.item<double>(), groups.Zip(gradients).ToDictionary(x => x.First, x => x.Second.detach().MoveToOuterDisposeScope()));
    }

    /// <summary>
    /// The Cayley step of one group, as 2 (I + τ/2 A)⁻¹ T − T (= (I + τ/2 A)⁻¹ (I − τ/2 A) T, one matmul fewer);
    /// A is formed as X − Xᵀ so it is skew-symmetric to the last bit.
    /// </summary>
    private static Tensor Retract(Tensor t, Tensor gradient, double step)
    {
        using var scope = NewDisposeScope();
        var gt = gradient.matmul(t.T);
        var half = (gt - gt.T) * (step / 2);
        using var identity = eye(t.shape[0], dtype: float64, device: t.device);
        return (2 * linalg.solve(identity + half, t) - t).MoveToOuterDisposeScope();
    }
}
