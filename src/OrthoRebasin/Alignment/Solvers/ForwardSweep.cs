using System.Diagnostics;
using OrthoRebasin.Parameters;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// One forward pass over <c>spec.Groups</c> in order, as in <c>procrustes-weight-layerwise</c>: each group's transform
/// is found from its incoming parameters (those whose axis 0 it acts on), with B's other axes already transformed by
/// the groups visited before it (identity for the groups not yet visited). Shared by the weight-based sweep methods.
/// </summary>
internal static class ForwardSweep
{
    /// <summary>
    /// The group's units as rows: every parameter whose axis 0 the group acts on, axis 0 moved first and the rest
    /// flattened, concatenated along columns (for an MLP hidden layer [W_l | b_l], d_l × (d_{l-1} + 1)), in float64.
    /// With <paramref name="transforms"/>, every other axis is multiplied by its group's current transform.
    /// </summary>
    public static Tensor IncomingRows(SymmetrySpec spec, ParameterSet parameters, string group, IReadOnlyDictionary<string, Tensor>? transforms = null)
    {
        using var scope = NewDisposeScope();
        var size = spec.Group(group).Size;
        var blocks = spec.AxesOf(group)
            .Where(x => x.Axis == 0)
            .Select(x =>
            {
                var tensor = parameters[x.Parameter].detach();
                var transformed = transforms is null
                    ? tensor.to(float64)
                    : GroupTransforms.TransformParameter(spec, x.Parameter, tensor, g => transforms[g], skipAxis: 0);
                return transformed.reshape(size, -1);
            })
            .ToList();
        if (blocks.Count == 0)
        {
            throw new ArgumentException($"Group '{group}' acts on axis 0 of no parameter, so it has no incoming weights to align.");
        }

        return cat(blocks, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs <paramref name="step"/> for every group in spec order, feeding it the transforms found so far, and collects
    /// the transforms and per-group diagnostics (one iteration each; seconds are the group's own step, so they add up).
    /// The step returns the group's transform (float64 on A's device, owned by the sweep from then on) and its objective at T = I and at T.
    /// A numerical routine's failure in a step is reported as <paramref name="method"/>'s on that group (<see cref="NumericalGuard"/>),
    /// its input being the group's incoming parameters, or its activations when <paramref name="onActivations"/>.
    /// </summary>
    public static AlignmentResult Run(AlignmentProblem problem, string method, Func<string, IReadOnlyDictionary<string, Tensor>, SweepStep> step, bool onActivations = false)
    {
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var current = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        var steps = new List<(string Group, SweepStep Step, double Seconds)>();
        try
        {
            foreach (var group in spec.Groups.Select(g => g.Name))
            {
                var clock = Stopwatch.StartNew();
                var location = onActivations ? NumericalGuard.Activations : NumericalGuard.Parameters(spec, group, incomingOnly: true);
                var result = NumericalGuard.Run(method, group, location, () => step(group, current));
                current[group].Dispose();
                current[group] = result.Transform;
                steps.Add((group, result, clock.Elapsed.TotalSeconds));
            }
        }
        catch
        {
            foreach (var matrix in current.Values)
            {
                matrix.Dispose();
            }

            throw;
        }

        var transforms = new GroupTransforms(current);
        var diagnostics = steps
            .Select(s => new LayerDiagnostics(s.Group, s.Step.Before, s.Step.After, transforms.OrthogonalityDefect(s.Group), 1, s.Seconds, s.Step.Extra))
            .ToList();
        return new AlignmentResult(transforms, diagnostics);
    }

    /// <summary>Squared Frobenius distance ||X − T Y||²_F, the Procrustes objective of the sweep methods.</summary>
    public static double SquaredDistance(Tensor x, Tensor transform, Tensor y)
    {
        using var scope = NewDisposeScope();
        return (x - transform.matmul(y)).square().sum().item<double>();
    }
}
