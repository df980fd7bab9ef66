using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Symmetry;

/// <summary>
/// One transform per symmetry group, each a d×d matrix in float64 (permutation matrices included, so that every
/// method returns the same kind of object). Owns its tensors.
/// </summary>
public sealed class GroupTransforms : IDisposable
{
    private readonly Dictionary<string, Tensor> _matrices;

    public GroupTransforms(IReadOnlyDictionary<string, Tensor> matrices)
    {
        _matrices = new Dictionary<string, Tensor>(matrices);
    }

    public IReadOnlyDictionary<string, Tensor> Matrices => _matrices;

    public Tensor this[string group] => _matrices[group];

    /// <summary>The identity on every group of <paramref name="spec"/>.</summary>
    public static GroupTransforms Identity(SymmetrySpec spec, Device? device = null) =>
        new(spec.Groups.ToDictionary(g => g.Name, g => eye(g.Size, dtype: float64, device: device)));

    /// <summary>The permutation matrix P with P[i, perm[i]] = 1, so (P W)[i] = W[perm[i]].</summary>
    public static Tensor PermutationMatrix(IReadOnlyList<int> perm, Device? device = null)
    {
        var n = perm.Count;
        var matrix = zeros(n, n, dtype: float64, device: device);
        using var rows = arange(n, dtype: int64, device: device);
        using var columns = tensor(perm.Select(p => (long)p).ToArray(), dtype: int64, device: device);
        matrix.index_put_(1.0, rows, columns);
        return matrix;
    }

    /// <summary>Applies the transforms to a copy of <paramref name="parameters"/>: every axis a group acts on is multiplied by its matrix.</summary>
    public ParameterSet Apply(SymmetrySpec spec, ParameterSet parameters) =>
        parameters.Map((name, tensor) =>
        {
            using var scope = NewDisposeScope();
            using var input = tensor.detach();
            return TransformParameter(spec, name, input, group => _matrices[group]).to(tensor.dtype).contiguous().MoveToOuterDisposeScope();
        });

    /// <summary>
    /// One parameter with every axis that a group acts on multiplied by that group's matrix (float64, contracting the
    /// matrix's second index with the axis). Differentiable in the matrices, so optimisers over O(d) can use it.
    /// </summary>
    /// <remarks>
    /// When <paramref name="permutationOf"/> gives a group's permutation as indices (P[i, perm[i]] = 1), that axis is
    /// gathered instead of multiplied: a d³ matmul becomes a d² copy. The gathered values equal the product exactly
    /// (one nonzero term per sum), and the result keeps the product's memory layout, so later BLAS calls see the same
    /// strides and round the same way.
    /// </remarks>
    public static Tensor TransformParameter(SymmetrySpec spec, string name, Tensor tensor, Func<string, Tensor> matrixOf, int? skipAxis = null, Func<string, Tensor?>? permutationOf = null)
    {
        using var scope = NewDisposeScope();
        var result = tensor.to(float64);
        if (spec.TryGetGroupsOn(name, out var groups))
        {
            for (var axis = 0; axis < groups.Count; axis++)
            {
                if (axis == skipAxis || groups[axis] is not { } group)
                {
                    continue;
                }

                if (permutationOf?.Invoke(group) is { } permutation)
                {
                    result = result.movedim([axis], [0L]).index_select(0, permutation.to(result.device)).movedim([0L], [axis]);
                    continue;
                }
                var matrix = matrixOf(group).to(result.device);
                result = tensordot(matrix, result, [1L], [axis]).movedim([0L], [axis]);
            }
        }
        return (ReferenceEquals(result, tensor) ? result.clone() : result).MoveToOuterDisposeScope();
    }

    /// <summary>max_g ||T_gᵀ T_g − I||_F: how far the transforms are from orthogonal.</summary>
    public double OrthogonalityDefect(string group)
    {
        using var scope = NewDisposeScope();
        var t = _matrices[group];
        return (t.T.matmul(t) - eye(t.shape[0], dtype: t.dtype, device: t.device)).norm().item<double>();
    }

    public void Dispose()
    {
        foreach (var matrix in _matrices.Values)
        {
            matrix.Dispose();
        }
    }
}
