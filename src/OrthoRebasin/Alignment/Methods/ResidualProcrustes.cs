using System.Diagnostics;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>residual-procrustes</c> (docs/METHODS.md §3): for every orthogonal group (a residual stream),
/// Q = polar(R_Aᵀ R_B) from the stream's activations R (n × D; after the embedding, or every depth stacked), then for
/// every permutation group the linear assignment on its weight correlation given Q. Only the stream is rotated, and
/// rms(Q h) = Q rms(h), so B' computes B's function exactly.
/// </summary>
/// <remarks>
/// Each permutation group is solved once: given Q its correlation depends on no other permutation, because in a
/// residual MLP the blocks share parameters only with the stream. A spec where two permutation groups share a
/// parameter (an MLP chain) would need weight matching's descent instead, and is rejected.
/// </remarks>
public sealed class ResidualProcrustes(ResidualProcrustesOptions options) : IAlignmentMethod
{
    public string Id => "residual-procrustes";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var spec = problem.Spec;
        EnsureResidualLayout(spec);
        var device = problem.A.Entries.First().Value.device;
        var transforms = spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device));
        var steps = new List<(string Group, double Before, double After, double Seconds)>();
        try
        {
            SolveStreams(problem, transforms, steps);
            foreach (var group in spec.Groups.Where(g => g.Kind == GroupKind.Permutation))
            {
                var clock = Stopwatch.StartNew();
                using var correlation = WeightCorrelation.Compute(spec, problem.A, problem.B, transforms, group.Name);
                var permutation = NumericalGuard.Run(Id, group.Name, NumericalGuard.Parameters(spec, group.Name, incomingOnly: false), () => WeightCorrelation.BestPermutation(correlation));
                steps.Add((group.Name, WeightCorrelation.Inner(correlation, transforms[group.Name]), WeightCorrelation.Inner(correlation, permutation), clock.Elapsed.TotalSeconds));
                transforms[group.Name].Dispose();
                transforms[group.Name] = permutation;
            }
        }
        catch
        {
            foreach (var matrix in transforms.Values)
            {
                matrix.Dispose();
            }

            throw;
        }

        var result = new GroupTransforms(transforms);
        var diagnostics = steps.Select(s => new LayerDiagnostics(s.Group, s.Before, s.After, result.OrthogonalityDefect(s.Group), 1, s.Seconds)).ToList();
        return new AlignmentResult(result, diagnostics);
    }

    /// <summary>Q_g = polar(Σ_samples r^A r^Bᵀ) for every orthogonal group g; the objective is Σ ⟨r^A, Q r^B⟩.</summary>
    private void SolveStreams(AlignmentProblem problem, Dictionary<string, Tensor> transforms, List<(string, double, double, double)> steps)
    {
        // The stream is the same before and after relu, so the activation kind does not matter.
        using var activationsA = problem.ActivationsOf(problem.A, ActivationKind.Post);
        using var activationsB = problem.ActivationsOf(problem.B, ActivationKind.Post);
        foreach (var stream in problem.Spec.Groups.Where(g => g.Kind == GroupKind.Orthogonal))
        {
            var clock = Stopwatch.StartNew();
            var key = options.Stream == StreamActivations.Embedding ? StreamDepth.At(stream.Name, 0) : stream.Name;
            if (!activationsA.ContainsKey(key) || !activationsB.ContainsKey(key))
            {
                throw new ArgumentException($"residual-procrustes (stream: {options.Stream.ToString().ToLowerInvariant()}) needs the activations '{key}' of group '{stream.Name}', which the model does not provide.");
            }

            using var correlation = ActivationCorrelation.Compute(activationsA[key], activationsB[key], center: false);
            var q = NumericalGuard.Run(Id, stream.Name, $"its stream activations '{key}'", () => Procrustes.Polar(correlation, options.Rtol));
            steps.Add((stream.Name, WeightCorrelation.Inner(correlation, transforms[stream.Name]), WeightCorrelation.Inner(correlation, q), clock.Elapsed.TotalSeconds));
            transforms[stream.Name].Dispose();
            transforms[stream.Name] = q;
        }
    }

    private static void EnsureResidualLayout(SymmetrySpec spec)
    {
        if (!spec.Groups.Any(g => g.Kind == GroupKind.Orthogonal))
        {
            throw new ArgumentException(
                $"residual-procrustes needs an orthogonal group (a residual stream to rotate); this model's groups are all permutations ({string.Join(", ", spec.Groups.Select(g => g.Name))}). Use weight-matching.");
        }

        var permutations = spec.Groups.Where(g => g.Kind == GroupKind.Permutation).Select(g => g.Name).ToHashSet();
        var shared = spec.Axes.FirstOrDefault(p => p.Value.OfType<string>().Where(permutations.Contains).Distinct().Count() > 1);
        if (shared.Key is not null)
        {
            throw new ArgumentException(
                $"residual-procrustes solves each permutation group once given the stream's Q, which is exact only when no two permutation groups share a parameter; '{shared.Key}' is shared by {string.Join(" and ", shared.Value.OfType<string>())}. Use weight-matching.");
        }
    }
}
