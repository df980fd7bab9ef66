using OrthoRebasin.Parameters;
using OrthoRebasin.Results;
using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>Per-layer similarity of A's weights to B's before and to B''s after alignment (<see cref="LayerSimilarity"/>).</summary>
public static class WeightSimilarity
{
    /// <summary>The k of the top-k singular vectors compared (docs/METHODS.md §5 leaves it open; 10, the leading directions of the study's Figure 1).</summary>
    public const int DefaultTopK = 10;

    /// <summary>One <see cref="LayerSimilarity"/> per 2-D parameter (every weight matrix), in parameter order.</summary>
    public static IReadOnlyList<LayerSimilarity> Measure(ParameterSet a, ParameterSet b, ParameterSet aligned, int topK = DefaultTopK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        a.EnsureSameLayout(b);
        a.EnsureSameLayout(aligned);
        var layers = new List<LayerSimilarity>();
        foreach (var (name, weightA) in a.Entries.Where(e => e.Value.dim() == 2))
        {
            using var scope = NewDisposeScope();
            // float64 on the CPU: the SVD is then deterministic and the cosines are not limited by float32 rounding.
            var wa = weightA.detach().to(float64).cpu();
            var wb = b[name].detach().to(float64).cpu();
            var wAligned = aligned[name].detach().to(float64).cpu();
            var k = (int)Math.Min(topK, Math.Min(wa.shape[0], wa.shape[1]));
            var ua = LeftSingularVectors(wa, k);
            var before = SingularVectorCosines(ua, LeftSingularVectors(wb, k));
            var after = SingularVectorCosines(ua, LeftSingularVectors(wAligned, k));
            layers.Add(new LayerSimilarity
            {
                Parameter = name,
                WeightCosineBefore = Cosine(wa, wb),
                WeightCosineAfter = Cosine(wa, wAligned),
                TopK = k,
                SingularVectorCosineBefore = before.Average(),
                SingularVectorCosineAfter = after.Average(),
                SingularVectorCosines = after,
            });
        }
        return layers;
    }

    /// <summary>Cosine of the flattened tensors; 0 when either is zero (no direction to agree with).</summary>
    public static double Cosine(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var dot = (x * y).sum().item<double>();
        var norms = x.square().sum().sqrt().item<double>() * y.square().sum().sqrt().item<double>();
        return norms > 0 ? dot / norms : 0.0;
    }

    /// <summary>The first k columns of U (descending singular values).</summary>
    private static Tensor LeftSingularVectors(Tensor weight, int k)
    {
        var (u, _, _) = linalg.svd(weight, fullMatrices: false);
        return u.narrow(1, 0, k);
    }

    private static double[] SingularVectorCosines(Tensor ua, Tensor ub)
    {
        // Columns of U are unit vectors, so the column-wise dot product is the cosine.
        using var cosines = (ua * ub).sum([0L]).abs();
        return cosines.data<double>().ToArray();
    }
}
