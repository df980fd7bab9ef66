using OrthoRebasin.Alignment.Solvers;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>procrustes-weight-layerwise</c> (the study's "Procrustes weight l"): one forward sweep over the groups in spec
/// order, each from its incoming weights and bias only, with the earlier groups' transforms already applied:
/// T_l = polar(W_l^A T_{l−1} W_l^Bᵀ + b_l^A b_l^Bᵀ). Objective: tr(Tᵀ M).
/// </summary>
public sealed class ProcrustesWeightLayerwise(ProcrustesWeightLayerwiseOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-weight-layerwise";

    public AlignmentResult Align(AlignmentProblem problem) =>
        ForwardSweep.Run(problem, Id, (group, current) =>
        {
            using var correlation = WeightCorrelation.Compute(problem.Spec, problem.A, problem.B, current, group, incomingOnly: true);
            var transform = Procrustes.Polar(correlation, options.Rtol);
            return new SweepStep(transform, WeightCorrelation.Inner(correlation, current[group]), WeightCorrelation.Inner(correlation, transform));
        });
}
