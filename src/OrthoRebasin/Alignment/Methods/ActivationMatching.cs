using System.Diagnostics;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>activation-matching</c> (Git Re-Basin): for every group independently, the permutation maximising the
/// correlation Σ_samples ⟨z^A, P z^B⟩, i.e. T_g = LAP(Z_gᴬ Z_gᴮᵀ) with Z the (optionally centred) activations.
/// </summary>
public sealed class ActivationMatching(ActivationMatchingOptions options) : IAlignmentMethod
{
    public string Id => "activation-matching";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var correlations = ActivationCorrelation.ForEveryGroup(problem, options.Activations, options.Center);
        var transforms = new Dictionary<string, Tensor>();
        var diagnostics = new List<LayerDiagnostics>();
        foreach (var group in problem.Spec.Groups)
        {
            var clock = Stopwatch.StartNew();
            using var correlation = correlations[group.Name];
            var permutation = NumericalGuard.Run(Id, group.Name, NumericalGuard.Activations, () => WeightCorrelation.BestPermutation(correlation));
            using var identity = eye(group.Size, dtype: float64, device: correlation.device);
            transforms[group.Name] = permutation;
            diagnostics.Add(new LayerDiagnostics(group.Name, WeightCorrelation.Inner(correlation, identity), WeightCorrelation.Inner(correlation, permutation), 0, 1, clock.Elapsed.TotalSeconds));
        }
        var result = new GroupTransforms(transforms);
        return new AlignmentResult(result, diagnostics.Select(d => d with { OrthogonalityDefect = result.OrthogonalityDefect(d.Group) }).ToList());
    }
}
