using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// Orthogonal Procrustes (docs/METHODS.md §2): polar(M) = U Vᵀ for M = U Σ Vᵀ maximises tr(Qᵀ M) over O(d). Computed in
/// float64, because the rank decision and the null-space completion compare singular values over many orders of
/// magnitude.
/// </summary>
public static class Procrustes
{
    /// <summary>Singular values below this fraction of the largest count as zero.</summary>
    public const double DefaultRtol = 1e-6;

    /// <summary>What a failure of the factorisation calls its input.</summary>
    internal const string CorrelationInput = "the Procrustes correlation M";

    /// <summary>
    /// The maximiser of tr(Qᵀ M) closest to the identity. With rank r (σ_i &gt; rtol·σ_1),
    /// Q = U_r V_rᵀ + U_0 polar(U_0ᵀ V_0) V_0ᵀ: an SVD fills the null spaces arbitrarily, which would rotate dead units
    /// and make aligning a model onto itself return T ≠ I.
    /// </summary>
    public static Tensor Polar(Tensor m, double rtol = DefaultRtol)
    {
        using var scope = NewDisposeScope();
        var matrix = m.detach().to(float64);
        // An SVD returns NaN for an infinite entry without a word, and says only "did not converge" for a NaN.
        NumericalGuard.EnsureFinite(matrix, "linalg.svd", CorrelationInput);
        var (u, s, vh) = linalg.svd(matrix, fullMatrices: true);
        var v = vh.T;
        var largest = s.numel() > 0 ? s[0].item<double>() : 0.0;
        var rank = largest > 0 ? (int)s.gt(rtol * largest).sum().item<long>() : 0;
        var d = (int)matrix.shape[0];
        if (rank == d)
        {
            return u.matmul(vh).MoveToOuterDisposeScope();
        }

        var ur = u.narrow(1, 0, rank);
        var vr = v.narrow(1, 0, rank);
        var u0 = u.narrow(1, rank, d - rank);
        var v0 = v.narrow(1, rank, d - rank);
        var (p, _, rh) = linalg.svd(u0.T.matmul(v0), fullMatrices: true);
        var completion = u0.matmul(p.matmul(rh)).matmul(v0.T);
        return (ur.matmul(vr.T) + completion).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Eigenvalues of MᵀM below this fraction of the largest are handed to an SVD: the Gram matrix's eigenpairs carry
    /// errors of order eps·λ₁ (relative eps·λ₁/λ), which the columns M v/√λ inherit. At 1e-5 the polar factor stays
    /// within 4e-10 of <see cref="Polar"/> on the worst spectra tried (σ from 1 to 1e-3 and one at 2·rtol) and within
    /// 3e-11 on trained MNIST correlations; 1e-6 reached 1e-9, 1e-4 costs as much as the SVD.
    /// </summary>
    private const double GramSplit = 1e-5;

    /// <summary>Singular values this close (relatively) to rtol·σ₁ leave the rank decision to <see cref="Polar"/>'s own SVD.</summary>
    private const double RankMargin = 1e-8;

    /// <summary>
    /// <see cref="Polar"/> of a square M at about three quarters of the cost at d = 512, for callers that need it hundreds of times: one
    /// symmetric eigendecomposition MᵀM = V Λ Vᵀ (≈ 3× cheaper than a full SVD at d = 512) instead of the SVD. The
    /// well-conditioned directions (λ &gt; GramSplit·λ₁) give U_b = M V_b / ||M V_b|| column by column; the rest,
    /// V_s, get an SVD of the thin M V_s, where the rank rule is applied as in <see cref="Polar"/>. Falls back to
    /// <see cref="Polar"/> when M is rank-deficient (the null-space completion needs U's full complement) or a
    /// singular value sits at the rank threshold.
    /// </summary>
    public static Tensor PolarViaGram(Tensor m, double rtol = DefaultRtol)
    {
        using var scope = NewDisposeScope();
        var matrix = m.detach().to(float64);
        var d = (int)matrix.shape[0];
        if (matrix.dim() != 2 || matrix.shape[1] != d || d == 0)
        {
            return Polar(m, rtol).MoveToOuterDisposeScope();
        }

        NumericalGuard.EnsureFinite(matrix, "linalg.eigh", CorrelationInput);
        Tensor eigenvalues, v;
        try
        {
            (eigenvalues, v) = linalg.eigh(matrix.T.matmul(matrix));
        }
        catch (System.Runtime.InteropServices.ExternalException e) when (NumericalGuard.Failure(e) is { Kind: NumericalFailureKind.Convergence })
        {
            // A shortcut, not the definition: the SVD route may still converge where the Gram matrix's eigh did not.
            return Polar(m, rtol).MoveToOuterDisposeScope();
        }

        var largest = eigenvalues[-1].item<double>();
        if (!(largest > 0))
        {
            return Polar(m, rtol).MoveToOuterDisposeScope();
        }
        // λ_min is within about eps·λ₁ of σ_min², far below rtol²·λ₁: 10% under the threshold, M is surely rank-deficient.
        if (eigenvalues[0].item<double>() < 0.9 * rtol * rtol * largest)
        {
            return Polar(m, rtol).MoveToOuterDisposeScope();
        }
        // Ascending eigenvalues: the first `small` columns of V are the ill-conditioned directions.
        var small = (int)eigenvalues.le(GramSplit * largest).sum().item<long>();
        var vb = v.narrow(1, small, d - small);
        var mvb = matrix.matmul(vb);
        var norms = mvb.norm(0, true);
        var sigma1 = norms.max().item<double>();
        var result = (mvb / norms).matmul(vb.T);
        if (small == 0)
        {
            return Orthonormalise(result).MoveToOuterDisposeScope();
        }

        var vs = v.narrow(1, 0, small);
        var (us, ss, wh) = linalg.svd(matrix.matmul(vs), fullMatrices: false);
        var threshold = rtol * sigma1;
        var smallest = ss[-1].item<double>();
        var nearest = ss.sub(threshold).abs().min().item<double>();
        if (smallest <= threshold || nearest <= RankMargin * threshold)
        {
            return Polar(m, rtol).MoveToOuterDisposeScope();
        }

        return Orthonormalise(result.add_(us.matmul(wh).matmul(vs.T))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One Newton–Schulz step Q (3I − QᵀQ)/2: the columns M v_i/σ_i are orthonormal only to about eps·λ₁/λ_i (up to
    /// 1e-9 in ||QᵀQ − I|| on the quickstart's correlations, against 1e-14 from the SVD), and one step squares that
    /// defect while moving Q by no more than the defect.
    /// </summary>
    private static Tensor Orthonormalise(Tensor q) =>
        q.mul(1.5).sub_(q.matmul(q.T.matmul(q)).mul_(0.5));
}
