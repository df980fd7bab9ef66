using OrthoRebasin.Alignment.Solvers;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>svd-weight</c> (docs/METHODS.md §3, seed §2.1): a forward sweep that rotates B's left singular vectors onto A's,
/// T_l = polar(U^A U^Bᵀ) with U^A from W_l^A and U^B from W_l^B T_{l-1}ᵀ (descending singular values). Its objective is
/// the study's ||U^A − T U^B||²_F over the vectors used.
/// <para>
/// Each singular vector is defined up to its sign, and T depends on the signs chosen (docs/METHODS.md §3): the canonical
/// choice makes each vector's largest entry positive; <see cref="AlignmentProblem.ConventionDraw"/> k ≥ 1 flips each of
/// B's paired vectors by a sign drawn from the problem's seed, k and the group, so the pipeline can report the spread.
/// </para>
/// </summary>
public sealed class SvdWeight(SvdWeightOptions options) : IAlignmentMethod
{
    public string Id => "svd-weight";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        if (options.Rank < 0)
        {
            throw new UserErrorException($"svd-weight: rank must be 0 (all vectors) or positive, not {options.Rank}.");
        }

        return ForwardSweep.Run(problem, Id, (group, current) =>
        {
            using var scope = NewDisposeScope();
            // The bias is a column of the unit's affine map [W | b], as in procrustes-weight-layerwise's M, so the three weight sweeps see the same rows.
            var rowsA = ForwardSweep.IncomingRows(problem.Spec, problem.A, group);
            var rowsB = ForwardSweep.IncomingRows(problem.Spec, problem.B, group, current);
            var (basisA, basisB, count) = LeftSingularBases(rowsA, rowsB, options.Rank, options.Rtol);
            if (problem.ConventionDraw > 0)
            {
                basisB = FlipSigns(basisB, DrawnSigns(problem.Seed, problem.ConventionDraw, group, count));
            }

            var transform = Rotation(basisA, basisB, count, options.SignFix, options.Rtol);
            var leftA = basisA.narrow(1, 0, count);
            var leftB = basisB.narrow(1, 0, count);
            var matchedB = options.SignFix == SignFix.Match ? MatchSigns(leftA, leftB) : leftB;
            var identity = eye(transform.shape[0], dtype: float64, device: transform.device);
            var before = ForwardSweep.SquaredDistance(leftA, identity, matchedB);
            var after = ForwardSweep.SquaredDistance(leftA, transform, matchedB);
            return new SweepStep(transform.MoveToOuterDisposeScope(), before, after);
        });
    }

    /// <summary>
    /// Orthonormal bases of R^d whose first <c>Count</c> columns are the left singular vectors the method pairs (descending
    /// singular values): those above rtol·σ_1 in both row matrices, at most <paramref name="rank"/> when it is positive;
    /// the remaining columns span the complements. An SVD fills the null space arbitrarily (dead units, a layer wider than
    /// its input), so those directions are left to the closest-to-identity completion.
    /// </summary>
    internal static (Tensor BasisA, Tensor BasisB, int Count) LeftSingularBases(Tensor rowsA, Tensor rowsB, int rank, double rtol)
    {
        using var scope = NewDisposeScope();
        var (basisA, rankA) = LeftSingularBasis(rowsA, rtol);
        var (basisB, rankB) = LeftSingularBasis(rowsB, rtol);
        var count = Math.Min(rankA, rankB);
        if (rank > 0)
        {
            count = Math.Min(count, rank);
        }

        return (basisA.MoveToOuterDisposeScope(), basisB.MoveToOuterDisposeScope(), count);
    }

    /// <summary>
    /// polar(U^A_k U^B_kᵀ) for the first k columns of two orthonormal bases: U^A_k U^B_kᵀ on the paired vectors plus
    /// METHODS §2's closest-to-identity completion U^A_0 polar(U^A_0ᵀ U^B_0) U^B_0ᵀ on the complements, which is exactly
    /// Procrustes.Polar(U^A_k U^B_kᵀ) (its singular values are k ones and zeros) without a d × d SVD.
    /// </summary>
    internal static Tensor Rotation(Tensor basisA, Tensor basisB, int count, SignFix signFix, double rtol)
    {
        using var scope = NewDisposeScope();
        var d = basisA.shape[1];
        var leftA = basisA.narrow(1, 0, count);
        var leftB = basisB.narrow(1, 0, count);
        var matchedB = signFix == SignFix.Match ? MatchSigns(leftA, leftB) : leftB;
        var transform = leftA.matmul(matchedB.T);
        if (count < d)
        {
            var nullA = basisA.narrow(1, count, d - count);
            var nullB = basisB.narrow(1, count, d - count);
            transform = transform + nullA.matmul(Procrustes.Polar(nullA.T.matmul(nullB), rtol)).matmul(nullB.T);
        }
        return transform.MoveToOuterDisposeScope();
    }

    /// <summary>B's vectors, each flipped so that ⟨u_i^A, u_i^B⟩ ≥ 0 (a tie keeps B's sign).</summary>
    internal static Tensor MatchSigns(Tensor leftA, Tensor leftB)
    {
        using var scope = NewDisposeScope();
        var inner = leftA.mul(leftB).sum([0L]);
        var signs = 1 - 2 * inner.lt(0).to(leftB.dtype);
        return leftB.mul(signs.unsqueeze(0)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ±1 for each of the first <paramref name="count"/> vectors of a group, from a SplitMix64 stream seeded by the
    /// alignment seed, the draw and an FNV-1a hash of the group's name: the same on every machine and run.
    /// </summary>
    internal static double[] DrawnSigns(int seed, int draw, string group, int count)
    {
        var state = 14695981039346656037UL;
        foreach (var c in group)
        {
            state = (state ^ c) * 1099511628211UL;
        }

        state ^= ((ulong)(uint)seed << 32) | (uint)draw;
        var signs = new double[count];
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            signs[i] = (z & 1) == 0 ? 1.0 : -1.0;
        }

        return signs;
    }

    /// <summary>The basis with its first columns multiplied by <paramref name="signs"/> (the rest unchanged).</summary>
    private static Tensor FlipSigns(Tensor basis, double[] signs)
    {
        var d = (int)basis.shape[1];
        var all = new double[d];
        Array.Fill(all, 1.0);
        signs.CopyTo(all, 0);
        return basis.mul(tensor(all, dtype: basis.dtype, device: basis.device).unsqueeze(0));
    }

    /// <summary>All d left singular vectors of the rows, descending, signs canonical, and the numerical rank (σ_i &gt; rtol·σ_1).</summary>
    private static (Tensor Basis, int Rank) LeftSingularBasis(Tensor rows, double rtol)
    {
        using var scope = NewDisposeScope();
        var x = rows.to(float64);
        NumericalGuard.EnsureFinite(x, "linalg.eigh", "the layer's incoming rows [W | b]");
        // Eigenvectors of X Xᵀ are X's left singular vectors: the same in exact arithmetic, several times faster than an SVD of d × (d_in + 1).
        var (eigenvalues, eigenvectors) = linalg.eigh(x.matmul(x.T));
        var singularValues = eigenvalues.flip(0).clamp_min(0).sqrt();
        var basis = eigenvectors.flip(1);
        // A solver's signs vary with its blocking and thread count; each vector's largest entry made positive (sklearn's svd_flip) keeps sign_fix none reproducible.
        var largestEntry = basis.gather(0, basis.abs().argmax(0, keepdim: true));
        basis = basis.mul(1 - 2 * largestEntry.lt(0).to(basis.dtype));
        var largest = singularValues.numel() > 0 ? singularValues[0].item<double>() : 0.0;
        var rank = largest > 0 ? (int)singularValues.gt(rtol * largest).sum().item<long>() : 0;
        return (basis.MoveToOuterDisposeScope(), rank);
    }
}
