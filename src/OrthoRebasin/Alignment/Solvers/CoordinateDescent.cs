using System.Diagnostics;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// Weight matching's coordinate descent, shared by the permutation and the orthogonal variant: sweeps over the groups
/// in a seeded random order; each step maximises ⟨C_g, T_g⟩ for one group with the others fixed (C_g from
/// <see cref="WeightCorrelation"/>) and keeps the new transform only if it gains. Stops after a sweep whose gain in
/// the total correlation Σ_p ⟨A_p, T(B)_p⟩ is at most max(<paramref name="minimumGain"/>, <paramref name="relativeTolerance"/>·|F|),
/// or after <paramref name="maxSweeps"/> sweeps. It has converged when a sweep's gain met that threshold, the
/// <paramref name="maxSweeps"/>-th sweep included; stopping at the cap while every sweep still gained more has not. The
/// diagnostics carry F after every sweep (the start's F plus each sweep's gains, as the stopping rule sees it). With
/// <c>permutations</c>, every transform <c>maximise</c> returns is a permutation matrix, and the correlations gather by
/// its indices instead of multiplying by it (same values, see <see cref="GroupTransforms.TransformParameter"/>).
/// A failure of <c>maximise</c> (a NaN cost, a factorisation that does not converge) is reported as <c>method</c>'s on that group.
/// </summary>
internal static class CoordinateDescent
{
    public static AlignmentResult Run(AlignmentProblem problem, string method, Func<Tensor, Tensor> maximise, int maxSweeps, double minimumGain, double relativeTolerance, bool permutations = false)
    {
        var clock = Stopwatch.StartNew();
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        // The identity is a permutation too; indices are kept in step with the matrices.
        var indices = permutations ? spec.Groups.ToDictionary(g => g.Name, g => arange(g.Size, dtype: int64, device: device)) : null;
        Func<string, Tensor?>? permutationOf = indices is null ? null : g => indices[g];
        using var workspace = new CorrelationWorkspace(spec, problem.A, problem.B);
        var before = spec.Groups.ToDictionary(g => g.Name, g => GroupObjective(workspace, transforms, g.Name, permutationOf));

        var random = new Random(problem.Seed);
        var total = TotalCorrelation(problem, transforms);
        var sweeps = 0;
        var converged = false;
        var trace = new List<double>();
        // C_g depends only on the transforms of g's neighbours (groups sharing a parameter with it). If none changed since
        // g was last solved, solving again returns the same transform and no gain: the step is skipped, the result is identical.
        var neighbours = spec.Groups.ToDictionary(g => g.Name, g => spec.Axes.Values
            .Where(axes => axes.Contains(g.Name))
            .SelectMany(axes => axes)
            .OfType<string>()
            .Where(n => n != g.Name)
            .Distinct()
            .ToList());
        var lastChange = spec.Groups.ToDictionary(g => g.Name, _ => 0);
        var lastSolve = spec.Groups.ToDictionary(g => g.Name, _ => -1);
        var stamp = 0;
        while (sweeps < maxSweeps)
        {
            sweeps++;
            // Changing T_g changes only the terms g acts on, which ⟨C_g, T_g⟩ sums: the sweep's gains add up to F's change.
            var gain = 0.0;
            foreach (var group in spec.Groups.Select(g => g.Name).OrderBy(_ => random.Next()).ToList())
            {
                stamp++;
                if (lastSolve[group] >= 0 && neighbours[group].All(n => lastChange[n] < lastSolve[group]))
                {
                    continue;
                }

                lastSolve[group] = stamp;
                using var correlation = workspace.Compute(transforms, group, permutationOf);
                var candidate = NumericalGuard.Run(method, group, NumericalGuard.Parameters(spec, group, incomingOnly: false), () => maximise(correlation));
                var step = WeightCorrelation.Inner(correlation, candidate) - WeightCorrelation.Inner(correlation, transforms[group]);
                if (step > minimumGain)
                {
                    transforms[group].Dispose();
                    transforms[group] = candidate;
                    lastChange[group] = stamp;
                    if (indices is not null)
                    {
                        // P[i, perm[i]] = 1: the column of each row's one.
                        indices[group].Dispose();
                        indices[group] = candidate.argmax(1);
                    }
                    gain += step;
                }
                else
                {
                    candidate.Dispose();
                }
            }
            total += gain;
            trace.Add(total);
            if (gain <= Math.Max(minimumGain, relativeTolerance * Math.Abs(total)))
            {
                converged = true;
                break;
            }
        }

        var result = new GroupTransforms(transforms);
        var seconds = clock.Elapsed.TotalSeconds;
        var diagnostics = spec.Groups
            .Select(g => new LayerDiagnostics(g.Name, before[g.Name], GroupObjective(workspace, transforms, g.Name, permutationOf), result.OrthogonalityDefect(g.Name), sweeps, seconds)
            {
                Converged = converged,
                ObjectiveTrace = trace,
            })
            .ToList();
        foreach (var index in indices?.Values ?? Enumerable.Empty<Tensor>())
        {
            index.Dispose();
        }

        return new AlignmentResult(result, diagnostics);
    }

    /// <summary>⟨C_g, T_g⟩: the group's share of the correlation between A and T(B).</summary>
    private static double GroupObjective(CorrelationWorkspace workspace, IReadOnlyDictionary<string, Tensor> transforms, string group, Func<string, Tensor?>? permutationOf)
    {
        using var correlation = workspace.Compute(transforms, group, permutationOf);
        return WeightCorrelation.Inner(correlation, transforms[group]);
    }

    /// <summary>Σ_p ⟨A_p, T(B)_p⟩ over every parameter a group acts on.</summary>
    private static double TotalCorrelation(AlignmentProblem problem, IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        var total = 0.0;
        foreach (var (name, axes) in problem.Spec.Axes)
        {
            if (axes.All(a => a is null))
            {
                continue;
            }

            var transformed = GroupTransforms.TransformParameter(problem.Spec, name, problem.B[name].detach(), g => transforms[g]);
            total += problem.A[name].detach().to(float64).mul(transformed).sum().item<double>();
        }
        return total;
    }
}
