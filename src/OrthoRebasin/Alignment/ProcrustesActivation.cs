using System.Diagnostics;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// <c>procrustes-activation</c>: per group in spec order, T_g = polar(Z_gᴬ Z_gᴮᵀ). With <c>sequential</c> (default)
/// B's activations of group g are those of B with the earlier groups already transformed — what B' really computes,
/// since a rotation does not commute with relu; otherwise B's original activations.
/// </summary>
public sealed class ProcrustesActivation(ProcrustesActivationOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-activation";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        var activationsA = problem.Activations(problem.A, options.Activations);
        var originalB = options.Sequential ? null : problem.Activations(problem.B, options.Activations);
        var diagnostics = new List<LayerDiagnostics>();
        try
        {
            foreach (var group in spec.Groups)
            {
                var clock = Stopwatch.StartNew();
                using var correlation = CorrelationOf(problem, transforms, activationsA, originalB, group.Name);
                var before = WeightCorrelation.Inner(correlation, transforms[group.Name]);
                transforms[group.Name].Dispose();
                transforms[group.Name] = Procrustes.Polar(correlation, options.Rtol);
                diagnostics.Add(new LayerDiagnostics(group.Name, before, WeightCorrelation.Inner(correlation, transforms[group.Name]), 0, 1, clock.Elapsed.TotalSeconds));
            }
        }
        finally
        {
            foreach (var tensor in activationsA.Values.Concat(originalB?.Values ?? []))
                tensor.Dispose();
        }
        var result = new GroupTransforms(transforms);
        return new AlignmentResult(result, diagnostics.Select(d => d with { OrthogonalityDefect = result.OrthogonalityDefect(d.Group) }).ToList());
    }

    private Tensor CorrelationOf(AlignmentProblem problem, Dictionary<string, Tensor> transforms, IReadOnlyDictionary<string, Tensor> activationsA,
        IReadOnlyDictionary<string, Tensor>? originalB, string group)
    {
        if (originalB is not null)
            return ActivationCorrelation.Compute(activationsA[group], originalB[group], options.Center);
        // Groups not yet visited are still the identity, so this is B with the earlier groups transformed.
        using var partial = new GroupTransforms(transforms.ToDictionary(t => t.Key, t => t.Value.clone()));
        using var transformedB = partial.Apply(problem.Spec, problem.B);
        var activationsB = problem.Activations(transformedB, options.Activations);
        try
        {
            return ActivationCorrelation.Compute(activationsA[group], activationsB[group], options.Center);
        }
        finally
        {
            foreach (var tensor in activationsB.Values)
                tensor.Dispose();
        }
    }
}
