using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Interpolation;

/// <summary>
/// Corrections after interpolation (docs/METHODS.md §4; REPAIR, Jordan et al., ICLR 2023). For θ_λ and every correctable
/// layer l in order (<see cref="IArchitecture.CorrectableLayers"/>; the layers before l already corrected), on the
/// calibration inputs: each unit's mean μ and standard deviation σ of the pre-activation z, and the targets
/// μ* = (1 − λ) μ^A + λ μ^B, σ* = (1 − λ) σ^A + λ σ^B from the endpoints A and B' (aligned B). The correction
/// z ← s ⊙ (z − μ) + t is folded into the layer's weight rows and bias: W' = diag(s) W, b' = s ⊙ (b − μ) + t, with
/// <list type="bullet">
/// <item><c>repair</c>: s = σ*/σ, t = μ*;</item>
/// <item><c>rescale</c>: s = σ*/σ, t = μ (the spread only);</item>
/// <item><c>reshift</c>: s = 1, t = μ* (the centre only).</item>
/// </list>
/// Statistics, s, t and the folding are computed in float64 (the pre-activations themselves in the parameters' dtype);
/// the standard deviation is the population one (divided by n). A unit with σ &lt; <see cref="StdFloor"/> is left as it
/// is. At λ = 0 and λ = 1 exactly no correction is made: the endpoints are returned as they are.
/// </summary>
public static class Renormalisation
{
    /// <summary>
    /// Below this σ (absolute, in the pre-activation's units) a unit is left as it is: its pre-activation is (nearly)
    /// constant on the calibration inputs, and σ*/σ would blow up float32 rounding noise into a large unit.
    /// </summary>
    public const double StdFloor = 1e-6;

    /// <summary>
    /// θ_λ corrected by <paramref name="kind"/>, as a new parameter set (the inputs are not changed). Measures the
    /// endpoints' statistics itself; along a curve, measure them once with <see cref="Endpoints"/> and use the other overload.
    /// </summary>
    public static ParameterSet Correct(IArchitecture architecture, ParameterSet theta, ParameterSet a, ParameterSet b, double lambda, Tensor inputs, Correction kind)
    {
        RejectReset(kind);
        if (Skips(lambda, kind))
        {
            return theta.Clone();
        }

        using var endpoints = Endpoints(architecture, a, b, inputs);
        return Correct(architecture, theta, endpoints, lambda, inputs, kind);
    }

    /// <summary>θ_λ corrected by <paramref name="kind"/> towards the endpoints' statistics, as a new parameter set.</summary>
    public static ParameterSet Correct(IArchitecture architecture, ParameterSet theta, EndpointStatistics endpoints, double lambda, Tensor inputs, Correction kind)
    {
        RejectReset(kind);

        if (Skips(lambda, kind))
        {
            return theta.Clone();
        }

        var layers = architecture.CorrectableLayers;
        if (endpoints.A.Count != layers.Count || endpoints.B.Count != layers.Count)
        {
            throw new ArgumentException($"The endpoint statistics cover {endpoints.A.Count} and {endpoints.B.Count} layers; {architecture.Describe()} has {layers.Count} correctable layers.", nameof(endpoints));
        }

        using var noGrad = no_grad();
        // One forward pass: at each correctable layer, in order, its statistics under θ(λ) with the layers before it
        // already corrected, the correction folded into its weight and bias, and the layer recomputed from them.
        var corrected = theta.Clone();
        try
        {
            using var logits = architecture.ForwardCorrecting(corrected, inputs, (l, z) =>
            {
                CorrectLayer(corrected, layers[l], l, z, endpoints.A[l], endpoints.B[l], lambda, kind);
                return true;
            });
            return corrected;
        }
        catch
        {
            corrected.Dispose();
            throw;
        }
    }

    /// <summary>The statistics of every correctable layer of A and of B' on <paramref name="inputs"/>: once per curve.</summary>
    public static EndpointStatistics Endpoints(IArchitecture architecture, ParameterSet a, ParameterSet b, Tensor inputs)
    {
        var statsA = Measure(architecture, a, inputs);
        try
        {
            return new EndpointStatistics(statsA, Measure(architecture, b, inputs));
        }
        catch
        {
            statsA.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>Every correctable layer's per-unit mean and population standard deviation (float64) of <paramref name="parameters"/>, in one forward pass.</summary>
    public static List<UnitStatistics> Measure(IArchitecture architecture, ParameterSet parameters, Tensor inputs)
    {
        using var noGrad = no_grad();
        var result = new List<UnitStatistics>();
        try
        {
            using var logits = architecture.ForwardCorrecting(parameters, inputs, (_, z) =>
            {
                // The hook runs inside the pass's dispose scope, which frees the rows (z itself for an MLP) with the pass;
                // the statistics must outlive it.
                var stats = UnitStatistics.OfOutput(z);
                stats.Mean.DetachFromDisposeScope();
                stats.Std.DetachFromDisposeScope();
                result.Add(stats);
                return false;
            });
            return result;
        }
        catch
        {
            result.ForEach(r => r.Dispose());
            throw;
        }
    }

    private static void RejectReset(Correction kind)
    {
        if (kind == Correction.Reset)
        {
            throw new ArgumentException($"Correction '{PathLabel.Name(kind)}' changes running statistics, not units: it is {nameof(StatisticsReset)}'s.", nameof(kind));
        }
    }

    private static bool Skips(double lambda, Correction kind) => kind == Correction.None || lambda == 0.0 || lambda == 1.0;

    private static void CorrectLayer(ParameterSet parameters, CorrectableLayer layer, int index, Tensor z, UnitStatistics a, UnitStatistics b, double lambda, Correction kind)
    {
        using var scope = NewDisposeScope();
        using var stats = UnitStatistics.OfOutput(z);
        var mu = stats.Mean;
        var sigma = stats.Std;
        var targetMean = a.Mean * (1 - lambda) + b.Mean * lambda;
        var targetStd = a.Std * (1 - lambda) + b.Std * lambda;

        var kept = sigma < StdFloor;
        var safeSigma = where(kept, ones_like(sigma), sigma);
        var scale = kind == Correction.Reshift ? ones_like(sigma) : targetStd / safeSigma;
        var shift = kind == Correction.Rescale ? mu : targetMean;
        // A unit left as it is: s = 1, t = μ, so s ⊙ (z − μ) + t = z.
        scale = where(kept, ones_like(scale), scale);
        shift = where(kept, mu, shift);

        var (weightName, biasName) = layer;
        if (!parameters.Contains(weightName) || !parameters.Contains(biasName))
        {
            throw new ArgumentException($"Correctable layer {index} names '{weightName}' and '{biasName}'; the parameter set has {string.Join(", ", parameters.Names)}.");
        }

        var weight = parameters[weightName];
        var bias = parameters[biasName];
        var rowShape = new long[weight.dim()];
        Array.Fill(rowShape, 1L);
        rowShape[0] = -1;
        var newWeight = (weight.to(float64) * scale.reshape(rowShape)).to(weight.dtype).DetachFromDisposeScope();
        var newBias = (scale * (bias.to(float64) - mu) + shift).to(bias.dtype).DetachFromDisposeScope();
        parameters.Replace(weightName, newWeight);
        parameters.Replace(biasName, newBias);
    }
}
