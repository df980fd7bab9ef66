using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>procrustes-activation</c>: per group in spec order, T_g = polar(Z_gᴬ Z_gᴮᵀ). With <c>sequential</c> (default)
/// B's activations of group g are those of B with the earlier groups already transformed — what B' really computes,
/// since a rotation does not commute with relu; otherwise B's original activations. Objective: tr(Tᵀ Z_gᴬ Z_gᴮᵀ).
/// </summary>
public sealed class ProcrustesActivation(ProcrustesActivationOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-activation";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        // A sample larger than one slice is never held whole: each correlation is accumulated slice by slice.
        var streamed = ActivationCorrelation.Streams(problem);
        using var activationsA = streamed ? null : problem.ActivationsOf(problem.A, options.Activations);
        using var originalB = streamed || options.Sequential ? null : problem.ActivationsOf(problem.B, options.Activations);
        var original = streamed && !options.Sequential ? ActivationCorrelation.ForEveryGroup(problem, options.Activations, options.Center) : null;
        try
        {
            return ForwardSweep.Run(problem, Id, (group, current) =>
            {
                using var correlation = original is not null ? original[group].clone() : CorrelationOf(problem, current, activationsA, originalB, group);
                var transform = Procrustes.Polar(correlation, options.Rtol);
                return new SweepStep(transform, WeightCorrelation.Inner(correlation, current[group]), WeightCorrelation.Inner(correlation, transform));
            }, onActivations: true);
        }
        finally
        {
            foreach (var c in original?.Values.ToList() ?? [])
            {
                c.Dispose();
            }
        }
    }

    private Tensor CorrelationOf(AlignmentProblem problem, IReadOnlyDictionary<string, Tensor> current, IReadOnlyDictionary<string, Tensor>? activationsA,
        IReadOnlyDictionary<string, Tensor>? originalB, string group)
    {
        if (originalB is not null)
        {
            return ActivationCorrelation.Compute(activationsA![group], originalB[group], options.Center);
        }
        // Groups not yet visited are still the identity, so this is B with the earlier groups transformed.
        using var partial = new GroupTransforms(current.ToDictionary(t => t.Key, t => t.Value.clone()));
        using var transformedB = partial.Apply(problem.Spec, problem.B);
        if (activationsA is null)
        {
            var all = ActivationCorrelation.ForEveryGroup(problem, problem.A, transformedB, options.Activations, options.Center);
            foreach (var (_, c) in all.Where(c => c.Key != group))
            {
                c.Dispose();
            }

            return all[group];
        }

        using var activationsB = problem.ActivationsOf(transformedB, options.Activations);
        return ActivationCorrelation.Compute(activationsA[group], activationsB[group], options.Center);
    }
}
