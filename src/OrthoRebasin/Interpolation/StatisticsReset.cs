using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Interpolation;

/// <summary>
/// BatchNorm reset (docs/METHODS.md §4): the running statistics of θ_λ recomputed on the calibration inputs, because
/// the interpolation of two networks' running statistics is not the statistics of the interpolated network. The inputs
/// pass through the network in training mode in batches of the recipe's training batch size, in order, and each
/// running statistic becomes the plain average of its batches' values (PyTorch's <c>momentum=None</c>: the k-th batch,
/// 1-based, is taken with momentum 1/k; the variance of a batch is the unbiased one). Nothing else changes, and at
/// λ = 0 and λ = 1 exactly the endpoints are returned as they are.
/// </summary>
public static class StatisticsReset
{
    /// <summary>θ_λ with recomputed running statistics, as a new parameter set (<paramref name="theta"/> is not changed).</summary>
    public static ParameterSet Recompute(IArchitecture architecture, ParameterSet theta, double lambda, Tensor inputs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (architecture.Statistics.Count == 0)
        {
            throw new ArgumentException($"{architecture.Describe()} has no running statistics to reset.", nameof(architecture));
        }

        var reset = theta.Clone();
        if (lambda is 0.0 or 1.0)
        {
            return reset;
        }

        using var noGrad = no_grad();
        var n = inputs.shape[0];
        var batch = 0;
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            batch++;
            architecture.ForwardTraining(reset, inputs.narrow(0, start, Math.Min(batchSize, n - start)), momentum: 1.0 / batch);
        }

        return reset;
    }
}
