using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
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
    public static Dictionary<string, Tensor> ForEveryGroup(AlignmentProblem problem, ActivationKind kind, bool center) =>
        ForEveryGroup(problem, problem.A, problem.B, kind, center);

    /// <summary>
    /// As <see cref="ForEveryGroup(AlignmentProblem, ActivationKind, bool)"/>, between the networks <paramref name="a"/>
    /// and <paramref name="b"/> on the problem's sample (e.g. A and B with some groups already transformed).
    /// </summary>
    public static Dictionary<string, Tensor> ForEveryGroup(AlignmentProblem problem, ParameterSet a, ParameterSet b, ActivationKind kind, bool center)
    {
        var groups = problem.Spec.Groups;
        if (!Streams(problem))
        {
            using var activationsA = problem.ActivationsOf(a, kind);
            using var activationsB = problem.ActivationsOf(b, kind);
            return groups.ToDictionary(g => g.Name, g => Compute(activationsA[g.Name], activationsB[g.Name], center));
        }

        Dictionary<string, (Tensor A, Tensor B, long Rows)>? means = null;
        try
        {
            if (center)
            {
                var sums = new Dictionary<string, (Tensor A, Tensor B, long Rows)>();
                ForEachSlice(problem, a, b, kind, (group, za, zb) =>
                {
                    var sumA = za.to(float64).sum([0L]);
                    var sumB = zb.to(float64).sum([0L]);
                    if (sums.TryGetValue(group, out var s))
                    {
                        s.A.add_(sumA);
                        s.B.add_(sumB);
                        sums[group] = (s.A, s.B, s.Rows + za.shape[0]);
                    }
                    else
                    {
                        sums[group] = (sumA.DetachFromDisposeScope(), sumB.DetachFromDisposeScope(), za.shape[0]);
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
            ForEachSlice(problem, a, b, kind, (group, za, zb) =>
            {
                var x = za.to(float64);
                var y = zb.to(float64);
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
            foreach (var (meanA, meanB, _) in means?.Values.ToList() ?? [])
            {
                meanA.Dispose();
                meanB.Dispose();
            }
        }
    }

    /// <summary>Whether the problem's activations are taken slice by slice: it offers slices and its sample exceeds one.</summary>
    public static bool Streams(AlignmentProblem problem) => problem.Slices is not null && problem.SampleCount > problem.SliceSize;

    /// <summary>
    /// Visits every slice of the problem's sample (<see cref="Streams"/> must hold) with each group's activations of
    /// <paramref name="a"/> and <paramref name="b"/> on it, inside the slice's dispose scope (detach what is kept).
    /// </summary>
    public static void ForEachSlice(AlignmentProblem problem, ParameterSet a, ParameterSet b, ActivationKind kind, Action<string, Tensor, Tensor> visit)
    {
        var slices = problem.Slices ?? throw new InvalidOperationException("The problem offers no activation slices.");
        for (long start = 0; start < problem.SampleCount; start += problem.SliceSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(problem.SliceSize, problem.SampleCount - start);
            using var sliceA = new ActivationSet(slices(a, kind, start, count));
            using var sliceB = new ActivationSet(slices(b, kind, start, count));
            foreach (var group in problem.Spec.Groups)
            {
                visit(group.Name, sliceA[group.Name], sliceB[group.Name]);
            }
        }
    }
}
