using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// Orthogonal Procrustes (METHODS.md §2): polar(M) = U Vᵀ for M = U Σ Vᵀ maximises tr(Qᵀ M) over O(d). Computed in
/// float64, because the rank decision and the null-space completion compare singular values over many orders of
/// magnitude.
/// </summary>
public static class Procrustes
{
    /// <summary>Singular values below this fraction of the largest count as zero.</summary>
    public const double DefaultRtol = 1e-6;

    /// <summary>
    /// The maximiser of tr(Qᵀ M) closest to the identity. With rank r (σ_i &gt; rtol·σ_1),
    /// Q = U_r V_rᵀ + U_0 polar(U_0ᵀ V_0) V_0ᵀ: an SVD fills the null spaces arbitrarily, which would rotate dead units
    /// and make aligning a model onto itself return T ≠ I.
    /// </summary>
    public static Tensor Polar(Tensor m, double rtol = DefaultRtol)
    {
        using var scope = NewDisposeScope();
        var matrix = m.detach().to(float64);
        var (u, s, vh) = linalg.svd(matrix, fullMatrices: true);
        var v = vh.T;
        var largest = s.numel() > 0 ? s[0].item<double>() : 0.0;
        var rank = largest > 0 ? (int)s.gt(rtol * largest).sum().item<long>() : 0;
        var d = (int)matrix.shape[0];
        if (rank == d)
            return u.matmul(vh).MoveToOuterDisposeScope();
        var ur = u.narrow(1, 0, rank);
        var vr = v.narrow(1, 0, rank);
        var u0 = u.narrow(1, rank, d - rank);
        var v0 = v.narrow(1, rank, d - rank);
        var (p, _, rh) = linalg.svd(u0.T.matmul(v0), fullMatrices: true);
        var completion = u0.matmul(p.matmul(rh)).matmul(v0.T);
        return (ur.matmul(vr.T) + completion).MoveToOuterDisposeScope();
    }
}
