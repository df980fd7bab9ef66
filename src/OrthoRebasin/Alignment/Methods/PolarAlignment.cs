using OrthoRebasin.Alignment.Solvers;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>polar</c> (docs/METHODS.md §3, seed §2.3): the rotation of <c>procrustes-weight-layerwise</c>,
/// M = W_l^A T_{l-1} W_l^Bᵀ + b_l^A b_l^Bᵀ in one forward sweep, computed as the study does, T = M (MᵀM)^{-1/2} through
/// eigh of MᵀM with eigenvalues floored at eps. On a rank-deficient M (dead units, a layer wider than its input) eps = 0
/// reproduces the study's breakdown, which is reported as an <see cref="AlignmentBreakdownException"/>, never passed on.
/// Diagnostics: the Procrustes objective tr(Tᵀ M) before (T = I) and after, and METHODS' ||T_polar − T_svd||_F as the
/// extra <c>distance_to_svd</c> (T_svd = Procrustes.Polar(M), the exact rotation this route approximates).
/// <c>eps</c> is relative to the largest eigenvalue of MᵀM, so the floor scales with the layer (an absolute floor is
/// either below the round-off of a trained layer's dead directions or above a small layer's real ones).
/// </summary>
public sealed class PolarAlignment(PolarOptions options) : IAlignmentMethod
{
    /// <summary>
    /// ||TᵀT − I||_F above this means the inverse square root did not produce a rotation: a singular direction costs
    /// about 1 per direction, while the eigh route's ordinary cond(M)²·ε error is ~1e-7 on a random 512-unit layer.
    /// </summary>
    private const double BreakdownTolerance = 1e-3;

    /// <summary>The diagnostics key of ||T_polar − T_svd||_F.</summary>
    public const string DistanceToSvd = "distance_to_svd";

    public string Id => "polar";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        if (!(options.Eps >= 0))
        {
            throw new UserErrorException($"polar: eps must be 0 (the study's unfloored inverse square root) or positive, not {options.Eps}.");
        }

        return ForwardSweep.Run(problem, Id, (group, current) =>
        {
            using var scope = NewDisposeScope();
            var m = WeightCorrelation.Compute(problem.Spec, problem.A, problem.B, current, group, incomingOnly: true);
            var transform = InverseRootPolar(m, options.Eps, group);
            var exact = Procrustes.Polar(m);
            var identity = eye(m.shape[0], dtype: float64, device: m.device);
            var extra = new Dictionary<string, double> { [DistanceToSvd] = (transform - exact).norm().item<double>() };
            return new SweepStep(transform.MoveToOuterDisposeScope(), WeightCorrelation.Inner(m, identity), WeightCorrelation.Inner(m, transform), extra);
        });
    }

    /// <summary>
    /// M (MᵀM)^{-1/2} with MᵀM = V Λ Vᵀ (eigh). Eigenvalues at or below <paramref name="eps"/>·λ_max (those the floor would
    /// touch) carry nothing of M, since ||M v||² = λ: instead of the shrunken, non-orthogonal columns M v / √eps, their
    /// directions get METHODS §2's closest-to-identity completion. Throws when the result is not a finite rotation.
    /// </summary>
    internal static Tensor InverseRootPolar(Tensor m, double eps, string group)
    {
        using var scope = NewDisposeScope();
        var matrix = m.detach().to(float64);
        var d = (int)matrix.shape[0];
        // Non-finite input is the models', not the study's breakdown that the check below reports.
        NumericalGuard.EnsureFinite(matrix, "linalg.eigh", Procrustes.CorrelationInput);
        var (eigenvalues, eigenvectors) = linalg.eigh(matrix.T.matmul(matrix));
        var smallest = d > 0 ? eigenvalues[0].item<double>() : 0.0;
        var largest = d > 0 ? eigenvalues[d - 1].item<double>() : 0.0;
        var nullity = eps > 0 ? (int)eigenvalues.le(eps * Math.Max(largest, 0)).sum().item<long>() : 0;
        var kept = eigenvectors.narrow(1, nullity, d - nullity);
        // With eps = 0 a zero or negative round-off eigenvalue makes this infinite or NaN: the study's breakdown.
        var left = matrix.matmul(kept).mul(eigenvalues.narrow(0, nullity, d - nullity).rsqrt().unsqueeze(0));
        var transform = left.matmul(kept.T);
        if (nullity > 0)
        {
            transform = transform + NullSpaceCompletion(left, eigenvectors.narrow(1, 0, nullity));
        }

        var finite = transform.isfinite().all().item<bool>();
        var defect = (transform.T.matmul(transform) - eye(d, dtype: float64, device: matrix.device)).norm().item<double>();
        if (!finite || !(defect <= BreakdownTolerance))
        {
            var outcome = finite ? $"a non-orthogonal T (||TᵀT − I||_F = {defect:G3})" : "non-finite entries in T";
            throw new AlignmentBreakdownException("polar", group, smallest,
                $"polar: group '{group}': M (MᵀM)^(-1/2) broke down with {outcome}: MᵀM is singular or nearly so (smallest eigenvalue {smallest:G3}, eps {eps:G3}), "
                + "as it is when M is rank-deficient (dead units, a layer wider than its input). "
                + $"Fix: set the method's `eps` option > 0 (default 1e-12, relative to the largest eigenvalue, here {largest:G3}) to floor them.");
        }
        return transform.MoveToOuterDisposeScope();
    }

    /// <summary>U_0 polar(U_0ᵀ V_0) V_0ᵀ: maps the dropped right directions V_0 onto the complement of the kept left ones, closest to I.</summary>
    private static Tensor NullSpaceCompletion(Tensor left, Tensor rightNull)
    {
        using var scope = NewDisposeScope();
        var (d, rank) = (left.shape[0], left.shape[1]);
        // The last d − r columns of a complete QR of U_r span its complement (cheaper than an eigendecomposition).
        var (q, _) = linalg.qr(left, linalg.QRMode.Complete);
        var leftNull = q.narrow(1, rank, d - rank);
        var inner = Procrustes.Polar(leftNull.T.matmul(rightNull));
        return leftNull.matmul(inner).matmul(rightNull.T).MoveToOuterDisposeScope();
    }
}
