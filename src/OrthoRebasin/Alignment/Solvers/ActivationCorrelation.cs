using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>Σ_samples z^A z^Bᵀ for one group's activations (n × d each), optionally centred per unit, in float64.</summary>
internal static class ActivationCorrelation
{
    public static Tensor Compute(Tensor za, Tensor zb, bool center)
    {
        using var scope = NewDisposeScope();
        var a = za.detach().to(float64);
        var b = zb.detach().to(float64);
        if (center)
        {
            a = a - a.mean([0L], keepdim: true);
            b = b - b.mean([0L], keepdim: true);
        }
        return a.T.matmul(b).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The correlation of every group between A and B (d × d, float64). When the problem offers slices and its sample is
    /// larger than one slice, it is streamed: a first pass sums each unit's activations (for the means, when centring), a
    /// second accumulates Σ (z^A − μ^A)(z^B − μ^B)ᵀ slice by slice, so only one slice's activations are ever held.
    /// Otherwise the whole sample's activations are taken at once, as <see cref="Compute"/> always has.
    /// </summary>
    public static Dictionary<string, Tensor> ForEveryGroup(AlignmentProblem problem, ActivationKind kind, bool center)
    {
        var groups = problem.Spec.Groups;
        if (problem.Slices is not { } slices || problem.SampleCount <= problem.SliceSize)
        {
            using var activationsA = problem.ActivationsOf(problem.A, kind);
            using var activationsB = problem.ActivationsOf(problem.B, kind);
            return groups.ToDictionary(g => g.Name, g => Compute(activationsA[g.Name], activationsB[g.Name], center));
        }

        Dictionary<string, (Tensor A, Tensor B, long Rows)>? means = null;
        try
        {
            if (center)
            {
                var sums = new Dictionary<string, (Tensor A, Tensor B, long Rows)>();
                ForEachSlice(problem, slices, kind, (group, a, b) =>
                {
                    var sumA = a.to(float64).sum([0L]);
                    var sumB = b.to(float64).sum([0L]);
                    if (sums.TryGetValue(group, out var s))
                    {
                        s.A.add_(sumA);
                        s.B.add_(sumB);
                        sums[group] = (s.A, s.B, s.Rows + a.shape[0]);
                    }
                    else
                    {
                        sums[group] = (sumA.DetachFromDisposeScope(), sumB.DetachFromDisposeScope(), a.shape[0]);
                    }
                });
                foreach (var (sumA, sumB, rows) in sums.Values)
                {
                    sumA.div_(rows);
                    sumB.div_(rows);
                }

                means = sums;
            }

            var correlations = new Dictionary<string, Tensor>();
            ForEachSlice(problem, slices, kind, (group, a, b) =>
            {
                var x = a.to(float64);
                var y = b.to(float64);
                if (means is not null)
                {
                    x = x - means[group].A;
                    y = y - means[group].B;
                }

                var product = x.T.matmul(y);
                if (correlations.TryGetValue(group, out var sum))
                {
                    sum.add_(product);
                }
                else
                {
                    correlations[group] = product.DetachFromDisposeScope();
                }
            });
            return correlations;
        }
        finally
        {
            foreach (var (a, b, _) in means?.Values.ToList() ?? [])
            {
                a.Dispose();
                b.Dispose();
            }
        }

        static void ForEachSlice(AlignmentProblem problem, ActivationSliceSource slices, ActivationKind kind, Action<string, Tensor, Tensor> visit)
        {
            for (long start = 0; start < problem.SampleCount; start += problem.SliceSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(problem.SliceSize, problem.SampleCount - start);
                using var a = new ActivationSet(slices(problem.A, kind, start, count));
                using var b = new ActivationSet(slices(problem.B, kind, start, count));
                foreach (var group in problem.Spec.Groups)
                {
                    visit(group.Name, a[group.Name], b[group.Name]);
                }
            }
        }
    }
}
