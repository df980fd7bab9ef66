using OrthoRebasin.Alignment.Solvers;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>whitened-procrustes</c> (docs/METHODS.md §3, seed §2.2): a forward sweep of Procrustes on whitened weights,
/// W̃ = C_W^{-1/2} W with C_W = W Wᵀ / d_in, T_l = polar(W̃_l^A W̃_l^Bᵀ), B's columns already transformed. Its objective
/// is the study's ||W̃^A − T W̃^B||²_F.
/// </summary>
public sealed class WhitenedProcrustes(WhitenedProcrustesOptions options) : IAlignmentMethod
{
    public string Id => "whitened-procrustes";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        if (!(options.Eps > 0))
        {
            throw new UserErrorException($"whitened-procrustes: eps must be positive (it floors the eigenvalues of C_W before the inverse square root), not {options.Eps}.");
        }

        return ForwardSweep.Run(problem, Id, (group, current) =>
        {
            using var scope = NewDisposeScope();
            // The bias is a column of the unit's affine map [W | b] (so d_in counts it), the rows every weight sweep sees.
            var whitenedA = Whiten(ForwardSweep.IncomingRows(problem.Spec, problem.A, group), options.Eps);
            var whitenedB = Whiten(ForwardSweep.IncomingRows(problem.Spec, problem.B, group, current), options.Eps);
            var transform = Procrustes.Polar(whitenedA.matmul(whitenedB.T), options.Rtol);
            using var identity = eye(transform.shape[0], dtype: float64, device: transform.device);
            var before = ForwardSweep.SquaredDistance(whitenedA, identity, whitenedB);
            var after = ForwardSweep.SquaredDistance(whitenedA, transform, whitenedB);
            return new SweepStep(transform.MoveToOuterDisposeScope(), before, after);
        });
    }

    /// <summary>C_W^{-1/2} W with C_W = W Wᵀ / d_in = U Λ Uᵀ (eigh) and Λ floored at <paramref name="eps"/>.</summary>
    internal static Tensor Whiten(Tensor rows, double eps)
    {
        using var scope = NewDisposeScope();
        var w = rows.to(float64);
        NumericalGuard.EnsureFinite(w, "linalg.eigh", "the layer's incoming rows [W | b]");
        var covariance = w.matmul(w.T).div(w.shape[1]);
        var (eigenvalues, eigenvectors) = linalg.eigh(covariance);
        var inverseRoot = eigenvectors.mul(eigenvalues.clamp_min(eps).rsqrt().unsqueeze(0)).matmul(eigenvectors.T);
        return inverseRoot.matmul(w).MoveToOuterDisposeScope();
    }
}
