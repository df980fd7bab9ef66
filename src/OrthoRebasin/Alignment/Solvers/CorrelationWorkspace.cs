using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// <see cref="WeightCorrelation.Compute"/> for a coordinate descent that asks for the same groups' C_g hundreds of
/// times: A and B are converted to float64 once, and the terms of parameters that no other group acts on (the first
/// layer's weights, every bias, the last layer's weights) are computed once, since no transform changes them. Sums
/// the same terms in the same order as <see cref="WeightCorrelation.Compute"/>, so C_g is bit-identical.
/// </summary>
internal sealed class CorrelationWorkspace : IDisposable
{
    private readonly SymmetrySpec _spec;
    private readonly Dictionary<string, Tensor> _a = new();
    private readonly Dictionary<string, Tensor> _b = new();
    private readonly Dictionary<(string Parameter, int Axis), Tensor> _constantTerms = new();

    public CorrelationWorkspace(SymmetrySpec spec, ParameterSet a, ParameterSet b)
    {
        _spec = spec;
        foreach (var (parameter, groups) in spec.Axes)
        {
            if (groups.All(g => g is null))
            {
                continue;
            }

            _a[parameter] = ToFloat64(a[parameter]);
            _b[parameter] = ToFloat64(b[parameter]);
        }
    }

    /// <summary>
    /// C_g in float64 with the current <paramref name="transforms"/>; <paramref name="permutationOf"/> may give a
    /// group's transform as permutation indices, to gather instead of multiply (see <see cref="GroupTransforms.TransformParameter"/>).
    /// </summary>
    public Tensor Compute(IReadOnlyDictionary<string, Tensor> transforms, string group, Func<string, Tensor?>? permutationOf = null)
    {
        using var scope = NewDisposeScope();
        var size = _spec.Group(group).Size;
        var first = _spec.AxesOf(group)[0].Parameter;
        var correlation = zeros(size, size, dtype: float64, device: _a[first].device);
        foreach (var (parameter, axis) in _spec.AxesOf(group))
        {
            if (_constantTerms.TryGetValue((parameter, axis), out var constant))
            {
                correlation.add_(constant);
                continue;
            }
            var term = Term(transforms, parameter, axis, size, permutationOf);
            if (IsConstant(parameter, axis))
            {
                _constantTerms[(parameter, axis)] = term.DetachFromDisposeScope();
            }

            correlation.add_(term);
        }
        return correlation.MoveToOuterDisposeScope();
    }

    private Tensor Term(IReadOnlyDictionary<string, Tensor> transforms, string parameter, int axis, int size, Func<string, Tensor?>? permutationOf)
    {
        var transformedB = GroupTransforms.TransformParameter(_spec, parameter, _b[parameter], g => transforms[g], skipAxis: axis, permutationOf: permutationOf);
        var flatA = _a[parameter].movedim([axis], [0L]).reshape(size, -1);
        var flatB = transformedB.movedim([axis], [0L]).reshape(size, -1);
        return flatA.matmul(flatB.T);
    }

    /// <summary>No group other than the one on <paramref name="axis"/> acts on the parameter, so its term never changes.</summary>
    private bool IsConstant(string parameter, int axis) =>
        _spec.Axes[parameter].Where((g, i) => i != axis && g is not null).Any() is false;

    private static Tensor ToFloat64(Tensor tensor)
    {
        using var detached = tensor.detach();
        return detached.to(float64).contiguous().clone().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var tensor in _a.Values.Concat(_b.Values).Concat(_constantTerms.Values))
        {
            tensor.Dispose();
        }

        _constantTerms.Clear();
    }
}
