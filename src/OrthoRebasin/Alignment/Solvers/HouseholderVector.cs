using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// The unit vector v of the best Householder reflection T = I − 2 v vᵀ for ||Zᴬ − T Zᴮ||². Since T is orthogonal and
/// ⟨Zᴬ, v vᵀ Zᴮ⟩ = vᵀ Zᴮ Zᴬᵀ v, ||Zᴬ − T Zᴮ||² = ||Zᴬ − Zᴮ||² + 4 vᵀ M v with M = ½(Zᴮ Zᴬᵀ + Zᴬ Zᴮᵀ): the minimiser
/// over the unit sphere is an eigenvector of M's smallest eigenvalue λ, and the objective changes by exactly 4λ.
/// </summary>
internal static class HouseholderVector
{
    /// <summary>How many of the last Adam steps <see cref="AdamConverged"/> looks at.</summary>
    public const int ConvergenceWindow = 10;

    /// <summary>The relative change of the objective over <see cref="ConvergenceWindow"/> steps at or below which Adam has converged.</summary>
    public const double ConvergenceTolerance = 1e-6;

    private const string SymmetrisedInput = "the symmetrised correlation M";

    /// <summary>
    /// <c>solver: adam</c> has no stopping rule of its own (it always takes <c>steps</c> steps), so it has converged when
    /// its last <see cref="ConvergenceWindow"/> steps moved the objective by at most <see cref="ConvergenceTolerance"/> of
    /// its final value: |F_last − F_(last − window)| ≤ tol · |F_last|. Fewer steps than the window is never converged.
    /// </summary>
    public static bool AdamConverged(IReadOnlyList<double> objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.Count <= ConvergenceWindow)
        {
            return false;
        }

        var last = objective[^1];
        return Math.Abs(last - objective[^(ConvergenceWindow + 1)]) <= ConvergenceTolerance * Math.Abs(last);
    }

    /// <summary>M = ½(Zᴮ Zᴬᵀ + Zᴬ Zᴮᵀ) in float64 (Z: d × m, rows = units).</summary>
    public static Tensor Symmetrised(Tensor za, Tensor zb)
    {
        using var scope = NewDisposeScope();
        var cross = za.matmul(zb.T);
        return ((cross + cross.T) / 2).MoveToOuterDisposeScope();
    }

    /// <summary><c>solver: eig</c>: the eigenvector of M's smallest eigenvalue (eigh, float64), its largest entry made positive.</summary>
    public static Tensor ByEig(Tensor m)
    {
        using var scope = NewDisposeScope();
        NumericalGuard.EnsureFinite(m, "linalg.eigh", SymmetrisedInput);
        var (_, vectors) = linalg.eigh(m.to(float64));
        var v = vectors.select(1, 0);
        // v and −v give the same T; fixing the sign makes the reported vector deterministic across LAPACK builds.
        var largest = v.abs().argmax().item<long>();
        return (v[largest].item<double>() < 0 ? -v : v.clone()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <c>solver: adam</c>: Adam on v for the Rayleigh quotient vᵀMv / vᵀv (= the objective's v-term on the sphere, and
    /// scale-free, so its gradient is tangent and the renormalisation after every step does not fight it), starting from
    /// a unit Gaussian vector drawn from <paramref name="generator"/>. Also returns the quotient after every step (read
    /// off the forward pass of the next step, and once more after the last: v itself is what it always was).
    /// </summary>
    public static AdamReflection ByAdam(Tensor m, int steps, double lr, Generator generator)
    {
        using var scope = NewDisposeScope();
        var matrix = m.detach().to(float64);
        NumericalGuard.EnsureFinite(matrix, "Adam on the Rayleigh quotient", SymmetrisedInput);
        var start = randn(matrix.shape[0], dtype: float64, generator: generator).to(matrix.device);
        var v = new Parameter(start / start.norm(), requires_grad: true);
        using var adam = optim.Adam([v], lr);
        var quotients = new List<double>(steps);
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            adam.zero_grad();
            var quotient = v.dot(matrix.matmul(v)) / v.dot(v);
            if (step > 0)
            {
                quotients.Add(quotient.item<double>());
            }

            quotient.backward();
            adam.step();
            using var noGrad = no_grad();
            v.div_(v.norm());
        }

        using (no_grad())
        {
            using var last = v.dot(matrix.matmul(v)) / v.dot(v);
            quotients.Add(last.item<double>());
        }

        return new AdamReflection(v.detach().clone().MoveToOuterDisposeScope(), quotients);
    }
}

/// <summary>
/// What <see cref="HouseholderVector.ByAdam"/> found: the unit vector v (owned by the caller) and the Rayleigh quotient
/// vᵀMv after each Adam step.
/// </summary>
internal sealed record AdamReflection(Tensor Vector, IReadOnlyList<double> Quotients);
