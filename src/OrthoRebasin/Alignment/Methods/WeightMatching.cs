using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>weight-matching</c> (Git Re-Basin): coordinate descent over the groups in a seeded random order; each step
/// solves a linear assignment on the group's weight correlation with the other groups fixed. Stops after a sweep
/// without gain (&gt; 1e-12) or after <see cref="WeightMatchingOptions.MaxIter"/> sweeps. Every group gets a
/// permutation (permutations are orthogonal too, so orthogonal groups get their permutation subgroup).
/// </summary>
public sealed class WeightMatching(WeightMatchingOptions options) : IAlignmentMethod
{
    private const double MinimumGain = 1e-12;

    public string Id => "weight-matching";

    public AlignmentResult Align(AlignmentProblem problem) =>
        CoordinateDescent.Run(problem, Id, WeightCorrelation.BestPermutation, options.MaxIter, MinimumGain, relativeTolerance: 0, permutations: true);
}
