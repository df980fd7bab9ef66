using System.Diagnostics;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// <c>weight-matching</c> (Git Re-Basin): coordinate descent over the groups in a seeded random order; each step
/// solves a linear assignment on the group's weight correlation with the other groups fixed. Stops after a sweep
/// without gain (> 1e-12) or after <see cref="WeightMatchingOptions.MaxIter"/> sweeps. Every group gets a
/// permutation (permutations are orthogonal too, so orthogonal groups get their permutation subgroup).
/// </summary>
public sealed class WeightMatching(WeightMatchingOptions options) : IAlignmentMethod
{
    private const double MinimumGain = 1e-12;

    public string Id => "weight-matching";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var clock = Stopwatch.StartNew();
        var spec = problem.Spec;
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        var before = spec.Groups.ToDictionary(g => g.Name, g =>
        {
            using var c = WeightCorrelation.Compute(spec, problem.A, problem.B, transforms, g.Name);
            return WeightCorrelation.Inner(c, transforms[g.Name]);
        });

        var random = new Random(problem.Seed);
        var sweeps = 0;
        for (var improved = true; improved && sweeps < options.MaxIter; sweeps++)
        {
            improved = false;
            foreach (var group in spec.Groups.Select(g => g.Name).OrderBy(_ => random.Next()).ToList())
            {
                using var correlation = WeightCorrelation.Compute(spec, problem.A, problem.B, transforms, group);
                var current = WeightCorrelation.Inner(correlation, transforms[group]);
                var candidate = WeightCorrelation.BestPermutation(correlation);
                if (WeightCorrelation.Inner(correlation, candidate) > current + MinimumGain)
                {
                    transforms[group].Dispose();
                    transforms[group] = candidate;
                    improved = true;
                }
                else
                {
                    candidate.Dispose();
                }
            }
        }

        var result = new GroupTransforms(transforms);
        var seconds = clock.Elapsed.TotalSeconds;
        var diagnostics = spec.Groups.Select(g =>
        {
            using var c = WeightCorrelation.Compute(spec, problem.A, problem.B, transforms, g.Name);
            return new LayerDiagnostics(g.Name, before[g.Name], WeightCorrelation.Inner(c, transforms[g.Name]), result.OrthogonalityDefect(g.Name), sweeps, seconds);
        }).ToList();
        return new AlignmentResult(result, diagnostics);
    }
}
