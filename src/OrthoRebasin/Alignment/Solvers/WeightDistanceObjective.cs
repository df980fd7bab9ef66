using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// The <c>stiefel</c> objective F(T) = Σ_p ||A_p − T(B)_p||² over every parameter that some group acts on, written
/// against the spec: for an MLP, Σ_l ||W_lᴬ − T_l W_lᴮ T_{l-1}ᵀ||² + ||b_lᴬ − T_l b_lᴮ||², output layer included.
/// A parameter's share goes to the group acting on its first transformed axis (an MLP layer's share to its output
/// units, the output layer's to the last hidden layer), so the shares sum to F.
/// </summary>
internal sealed class WeightDistanceObjective : IOrthogonalObjective
{
    private readonly SymmetrySpec _spec;
    private readonly List<(string Parameter, string Group, Tensor A, Tensor B)> _terms = [];

    public WeightDistanceObjective(SymmetrySpec spec, ParameterSet a, ParameterSet b)
    {
        _spec = spec;
        foreach (var (parameter, groups) in spec.Axes)
        {
            // Parameters no group acts on are constant in T; leaving them out keeps the relative-decrease test about T.
            if (groups.FirstOrDefault(g => g is not null) is not { } group)
            {
                continue;
            }

            _terms.Add((parameter, group, a[parameter].detach().to(float64), b[parameter].detach().to(float64)));
        }
    }

    public Tensor Value(IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        var total = zeros([], dtype: float64, device: _terms[0].A.device);
        foreach (var term in _terms)
        {
            total = total + Distance(term, transforms);
        }

        return total.MoveToOuterDisposeScope();
    }

    public IReadOnlyDictionary<string, double> Shares(IReadOnlyDictionary<string, Tensor> transforms)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var shares = _spec.Groups.ToDictionary(g => g.Name, _ => 0.0);
        foreach (var term in _terms)
        {
            shares[term.Group] += Distance(term, transforms).item<double>();
        }

        return shares;
    }

    public void Dispose()
    {
        foreach (var term in _terms)
        {
            term.A.Dispose();
            term.B.Dispose();
        }
    }

    private Tensor Distance((string Parameter, string Group, Tensor A, Tensor B) term, IReadOnlyDictionary<string, Tensor> transforms) =>
        (term.A - GroupTransforms.TransformParameter(_spec, term.Parameter, term.B, g => transforms[g])).square().sum();
}
