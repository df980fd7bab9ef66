using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// <c>svd-weight</c> (METHODS.md §3, seed §2.1): a forward sweep that rotates B's left singular vectors onto A's,
/// T_l = polar(U^A U^Bᵀ) with U^A from W_l^A and U^B from W_l^B T_{l-1}ᵀ (descending singular values). Its objective is
/// the seed's ||U^A − T U^B||²_F over the vectors used.
/// </summary>
public sealed class SvdWeight(SvdWeightOptions options) : IAlignmentMethod
{
    public string Id => "svd-weight";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        if (options.Rank < 0)
            throw new ArgumentException($"svd-weight: rank must be 0 (all vectors) or positive, not {options.Rank}.");
        return ForwardSweep.Run(problem, (group, current) =>
        {
            using var scope = NewDisposeScope();
            // The bias is a column of the unit's affine map [W | b], as in procrustes-weight-layerwise's M, so the three weight sweeps see the same rows.
            var rowsA = ForwardSweep.IncomingRows(problem.Spec, problem.A, group);
            var rowsB = ForwardSweep.IncomingRows(problem.Spec, problem.B, group, current);
            var (leftA, leftB) = DominantLeftVectors(rowsA, rowsB, options.Rank, options.Rtol);
            var transform = Rotation(leftA, leftB, options.SignFix, options.Rtol);
            var matchedB = options.SignFix == SignFix.Match ? MatchSigns(leftA, leftB) : leftB;
            using var identity = eye(transform.shape[0], dtype: float64, device: transform.device);
            var before = ForwardSweep.SquaredDistance(leftA, identity, matchedB);
            var after = ForwardSweep.SquaredDistance(leftA, transform, matchedB);
            return (transform.MoveToOuterDisposeScope(), before, after);
        });
    }

    /// <summary>
    /// The left singular vectors of both row matrices (descending singular values) that the method pairs: only those
    /// above rtol·σ_1 in both (an SVD fills the null space arbitrarily, e.g. for dead units or a layer wider than its
    /// input), and at most <paramref name="rank"/> of them when it is positive.
    /// </summary>
    internal static (Tensor LeftA, Tensor LeftB) DominantLeftVectors(Tensor rowsA, Tensor rowsB, int rank, double rtol)
    {
        using var scope = NewDisposeScope();
        var (uA, sA, _) = linalg.svd(rowsA.to(float64), fullMatrices: false);
        var (uB, sB, _) = linalg.svd(rowsB.to(float64), fullMatrices: false);
        var count = Math.Min(NumericalRank(sA, rtol), NumericalRank(sB, rtol));
        if (rank > 0)
            count = Math.Min(count, rank);
        return (uA.narrow(1, 0, count).MoveToOuterDisposeScope(), uB.narrow(1, 0, count).MoveToOuterDisposeScope());
    }

    /// <summary>polar(U^A U^Bᵀ) for paired left singular vectors (d × k); with k &lt; d, the closest-to-identity rule fills the rest.</summary>
    internal static Tensor Rotation(Tensor leftA, Tensor leftB, SignFix signFix, double rtol)
    {
        using var scope = NewDisposeScope();
        var matchedB = signFix == SignFix.Match ? MatchSigns(leftA, leftB) : leftB;
        return Procrustes.Polar(leftA.matmul(matchedB.T), rtol).MoveToOuterDisposeScope();
    }

    /// <summary>B's vectors, each flipped so that ⟨u_i^A, u_i^B⟩ ≥ 0 (a tie keeps B's sign).</summary>
    internal static Tensor MatchSigns(Tensor leftA, Tensor leftB)
    {
        using var scope = NewDisposeScope();
        var inner = leftA.mul(leftB).sum([0L]);
        var signs = 1 - 2 * inner.lt(0).to(leftB.dtype);
        return leftB.mul(signs.unsqueeze(0)).MoveToOuterDisposeScope();
    }

    private static int NumericalRank(Tensor singularValues, double rtol)
    {
        using var scope = NewDisposeScope();
        var largest = singularValues.numel() > 0 ? singularValues[0].item<double>() : 0.0;
        return largest > 0 ? (int)singularValues.gt(rtol * largest).sum().item<long>() : 0;
    }
}
