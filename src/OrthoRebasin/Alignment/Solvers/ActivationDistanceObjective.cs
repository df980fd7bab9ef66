using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// The <c>stiefel-activation</c> objective Σ_g ||Z_gᴬ − Z_gᴮ T_gᵀ||² (Z: n × d, so this is METHODS' ||Z_l^A − T_l Z_l^B||²
/// with units as rows), expanded as ||Zᴬ||² − 2⟨ZᴬᵀZᴮ, T⟩ + ⟨T ZᴮᵀZᴮ, T⟩: the same function of T, d × d per step
/// instead of n × d (at B = A the gradient at I is zero only up to rounding). Each group's share is its own term.
/// </summary>
internal sealed class ActivationDistanceObjective : IOrthogonalObjective
{
    private readonly List<(string Group, double NormA, Tensor Cross, Tensor Gram)> _terms = [];

    /// <summary>Both dictionaries map every group to its activations (n × d); the caller keeps ownership of them.</summary>
    public ActivationDistanceObjective(IEnumerable<string> groups, IReadOnlyDictionary<string, Tensor> activationsA, IReadOnlyDictionary<string, Tensor> activationsB)
    {
        foreach (var group in groups)
        {
            using var scope = NewDisposeScope();
            var za = activationsA[group].detach().to(float64);
            var zb = activationsB[group].detach().to(float64);
            _terms.Add((group, za.square().sum().item<double>(), za.T.matmul(zb).MoveToOuterDisposeScope(), zb.T.matmul(zb).MoveToOuterDisposeScope()));
        }
    }

    private ActivationDistanceObjective()
    {
    }

    /// <summary>
    /// The same objective from the problem's sample taken slice by slice (<see cref="ActivationCorrelation.Streams"/>):
    /// ||Zᴬ||², ZᴬᵀZᴮ and ZᴮᵀZᴮ are sums over samples, accumulated in float64, so only one slice is ever held.
    /// </summary>
    public static ActivationDistanceObjective Streamed(AlignmentProblem problem, IReadOnlyList<string> groups, ActivationKind kind)
    {
        var sums = new Dictionary<string, (Tensor NormA, Tensor Cross, Tensor Gram)>();
        try
        {
            ActivationCorrelation.ForEachSlice(problem, problem.A, problem.B, kind, (group, a, b) =>
            {
                var za = a.detach().to(float64);
                var zb = b.detach().to(float64);
                var (normA, cross, gram) = (za.square().sum(), za.T.matmul(zb), zb.T.matmul(zb));
                if (sums.TryGetValue(group, out var s))
                {
                    s.NormA.add_(normA);
                    s.Cross.add_(cross);
                    s.Gram.add_(gram);
                }
                else
                {
                    sums[group] = (normA.DetachFromDisposeScope(), cross.DetachFromDisposeScope(), gram.DetachFromDisposeScope());
                }
            });
            var objective = new ActivationDistanceObjective();
            foreach (var group in groups)
            {
                var (normA, cross, gram) = sums[group];
                objective._terms.Add((group, normA.item<double>(), cross, gram));
                normA.Dispose();
                sums.Remove(group);
            }

            return objective;
        }
        finally
        {
            foreach (var (normA, cross, gram) in sums.Values)
            {
                normA.Dispose();
                cross.Dispose();
                gram.Dispose();
            }
        }
    }

    public Tensor Value(IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        var total = zeros([], dtype: float64, device: _terms[0].Cross.device);
        foreach (var term in _terms)
        {
            total = total + Distance(term, transforms[term.Group]);
        }

        return total.MoveToOuterDisposeScope();
    }

    public IReadOnlyDictionary<string, double> Shares(IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _terms.ToDictionary(t => t.Group, t => Distance(t, transforms[t.Group]).item<double>());
    }

    public void Dispose()
    {
        foreach (var term in _terms)
        {
            term.Cross.Dispose();
            term.Gram.Dispose();
        }
    }

    private static Tensor Distance((string Group, double NormA, Tensor Cross, Tensor Gram) term, Tensor t) =>
        term.NormA - 2 * term.Cross.mul(t).sum() + t.matmul(term.Gram).mul(t).sum();
}
