using System.Diagnostics;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>reflection</c> (docs/METHODS.md §3, the study's section 2.5): per group a Householder T = I − 2 v vᵀ minimising ||Zᴬ − T Zᴮ||²
/// (<see cref="HouseholderVector"/>). <c>on: weights</c>: Z stacks, rows = units, every parameter whose axis 0 the group
/// acts on, flattened, with B's other axes already transformed by the groups before it (a forward sweep in spec order,
/// as <c>WeightCorrelation.Compute(incomingOnly: true)</c>). <c>on: activations</c>: Z = the group's activations.
/// A reflection is never I, so B = A does not give T = I: it gives the reflection that raises the objective least.
/// </summary>
public sealed class ReflectionAlignment(ReflectionOptions options) : IAlignmentMethod
{
    public string Id => "reflection";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        // B's original activations (no sequential option in METHODS for reflection): each group is reflected independently.
        using var activationsA = options.On == ReflectionTarget.Activations ? problem.ActivationsOf(problem.A, options.Activations) : null;
        using var activationsB = options.On == ReflectionTarget.Activations ? problem.ActivationsOf(problem.B, options.Activations) : null;
        var diagnostics = new List<LayerDiagnostics>();
        for (var index = 0; index < spec.Groups.Count; index++)
        {
            var clock = Stopwatch.StartNew();
            var group = spec.Groups[index].Name;
            using var scope = NewDisposeScope();
            var (za, zb) = activationsA is not null && activationsB is not null
                ? (activationsA[group].detach().to(float64).T, activationsB[group].detach().to(float64).T)
                : IncomingWeights(problem, transforms, group);
            var m = HouseholderVector.Symmetrised(za, zb);
            // Adam's start: a unit Gaussian vector seeded by the problem's seed plus the group's index, so runs repeat.
            using var generator = new Generator(unchecked((ulong)problem.Seed + (ulong)index));
            var location = activationsA is not null ? NumericalGuard.Activations : NumericalGuard.Parameters(spec, group, incomingOnly: true);
            var adam = options.Solver == ReflectionSolver.Adam ? NumericalGuard.Run(Id, group, location, () => HouseholderVector.ByAdam(m, options.Steps, options.Lr, generator)) : null;
            var v = adam?.Vector ?? NumericalGuard.Run(Id, group, location, () => HouseholderVector.ByEig(m));
            var t = eye(v.shape[0], dtype: float64, device: device) - 2 * v.outer(v);
            var before = (za - zb).square().sum().item<double>();
            var after = (za - t.matmul(zb)).square().sum().item<double>();
            transforms[group].Dispose();
            transforms[group] = t.MoveToOuterDisposeScope();
            if (adam is null)
            {
                // eig: one eigendecomposition, converged by definition.
                diagnostics.Add(new LayerDiagnostics(group, before, after, 0, 1, clock.Elapsed.TotalSeconds));
                continue;
            }

            // ||Zᴬ − T Zᴮ||² = ||Zᴬ − Zᴮ||² + 4 vᵀMv for a unit v: the objective after each Adam step.
            var trace = adam.Quotients.Select(q => before + 4 * q).ToList();
            diagnostics.Add(new LayerDiagnostics(group, before, after, 0, options.Steps, clock.Elapsed.TotalSeconds)
            {
                Converged = HouseholderVector.AdamConverged(trace),
                ObjectiveTrace = trace,
            });
        }
        var result = new GroupTransforms(transforms);
        return new AlignmentResult(result, diagnostics.Select(d => d with { OrthogonalityDefect = result.OrthogonalityDefect(d.Group) }).ToList());
    }

    /// <summary>Zᴬ and Zᴮ (d × m, float64): the group's incoming parameters side by side, B's other axes transformed so far.</summary>
    private static (Tensor A, Tensor B) IncomingWeights(AlignmentProblem problem, IReadOnlyDictionary<string, Tensor> transforms, string group)
    {
        var size = problem.Spec.Group(group).Size;
        var incoming = problem.Spec.AxesOf(group).Where(x => x.Axis == 0).Select(x => x.Parameter).ToList();
        var za = cat(incoming.Select(p => problem.A[p].detach().to(float64).reshape(size, -1)).ToList(), 1);
        var zb = cat(incoming.Select(p => GroupTransforms.TransformParameter(problem.Spec, p, problem.B[p].detach(), g => transforms[g], skipAxis: 0).reshape(size, -1)).ToList(), 1);
        return (za, zb);
    }
}
