using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// The weight-matching correlation of one group, written once against the symmetry spec:
/// C_g = Σ over every (parameter p, axis a) that g acts on of A_p⁽ᵃ⁾ (T₋ₐ B_p)⁽ᵃ⁾ᵀ, where X⁽ᵃ⁾ moves axis a first and
/// flattens the rest, and T₋ₐ applies the current transforms of the other axes. For an MLP hidden layer l this is
/// W_l^A T_{l-1} W_l^Bᵀ + b_l^A b_l^Bᵀ + W_{l+1}^Aᵀ T_{l+1} W_{l+1}^B (docs/METHODS.md §3), and ⟨C_g, T_g⟩ = Σ_p ⟨A_p, T(B)_p⟩.
/// </summary>
public static class WeightCorrelation
{
    /// <summary>
    /// C_g in float64, d_g × d_g. With <paramref name="incomingOnly"/>, only the parameters whose first (output)
    /// axis the group acts on count: a layer's incoming weights and bias, as in a forward layer-by-layer sweep.
    /// </summary>
    public static Tensor Compute(SymmetrySpec spec, ParameterSet a, ParameterSet b, IReadOnlyDictionary<string, Tensor> transforms, string group, bool incomingOnly = false)
    {
        using var scope = NewDisposeScope();
        var size = spec.Group(group).Size;
        var correlation = zeros(size, size, dtype: float64, device: a[spec.AxesOf(group)[0].Parameter].device);
        foreach (var (parameter, axis) in spec.AxesOf(group).Where(x => !incomingOnly || x.Axis == 0))
        {
            var transformedB = GroupTransforms.TransformParameter(spec, parameter, b[parameter].detach(), g => transforms[g], skipAxis: axis);
            var flatA = a[parameter].detach().to(float64).movedim([axis], [0L]).reshape(size, -1);
            var flatB = transformedB.movedim([axis], [0L]).reshape(size, -1);
            correlation.add_(flatA.matmul(flatB.T));
        }
        return correlation.MoveToOuterDisposeScope();
    }

    /// <summary>⟨C, T⟩ = tr(Tᵀ C).</summary>
    public static double Inner(Tensor correlation, Tensor transform)
    {
        using var product = correlation.mul(transform);
        using var sum = product.sum();
        return sum.item<double>();
    }

    /// <summary>The permutation matrix maximising tr(Pᵀ C) (a linear assignment in doubles, read in place from the tensor's memory).</summary>
    public static Tensor BestPermutation(Tensor correlation)
    {
        var n = (int)correlation.shape[0];
        // The solver rejects such costs as a caller's bug; here they are the models' NaN or overflow.
        NumericalGuard.EnsureFinite(correlation, "linear assignment", "the cost (correlation) matrix");
        using var cpu = correlation.detach().to(float64).cpu().contiguous();
        var assignment = LinearAssignment.Maximize(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(cpu.bytes), n);
        return GroupTransforms.PermutationMatrix(assignment, correlation.device);
    }
}
