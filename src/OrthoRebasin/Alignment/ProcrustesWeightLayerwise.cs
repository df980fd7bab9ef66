using System.Diagnostics;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// <c>procrustes-weight-layerwise</c> (the seed's "Procrustes weight l"): one forward sweep over the groups in spec
/// order, each from its incoming weights and bias only, with the earlier groups' transforms already applied:
/// T_l = polar(W_l^A T_{l−1} W_l^Bᵀ + b_l^A b_l^Bᵀ).
/// </summary>
public sealed class ProcrustesWeightLayerwise(ProcrustesWeightLayerwiseOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-weight-layerwise";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        var diagnostics = new List<LayerDiagnostics>();
        foreach (var group in spec.Groups)
        {
            var clock = Stopwatch.StartNew();
            using var correlation = WeightCorrelation.Compute(spec, problem.A, problem.B, transforms, group.Name, incomingOnly: true);
            var before = WeightCorrelation.Inner(correlation, transforms[group.Name]);
            transforms[group.Name].Dispose();
            transforms[group.Name] = Procrustes.Polar(correlation, options.Rtol);
            diagnostics.Add(new LayerDiagnostics(group.Name, before, WeightCorrelation.Inner(correlation, transforms[group.Name]), 0, 1, clock.Elapsed.TotalSeconds));
        }
        var result = new GroupTransforms(transforms);
        return new AlignmentResult(result, diagnostics.Select(d => d with { OrthogonalityDefect = result.OrthogonalityDefect(d.Group) }).ToList());
    }
}
