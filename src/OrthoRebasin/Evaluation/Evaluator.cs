using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>Mean cross-entropy and accuracy of a model; the logits for fidelity measures.</summary>
public static class Evaluator
{
    public static (double Loss, double Accuracy) Evaluate(IArchitecture architecture, ParameterSet parameters, EvaluationSplit split)
    {
        using var _ = no_grad();
        var n = split.Features.shape[0];
        var batch = architecture.EvaluationBatchSize;
        double lossSum = 0, correct = 0;
        for (long start = 0; start < n; start += batch)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batch, n - start);
            var logits = architecture.Forward(parameters, split.Features.narrow(0, start, count));
            var labels = split.Labels.narrow(0, start, count);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).to(float64).item<double>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (lossSum / n, correct / n);
    }

    /// <summary>The logits of every sample (n × classes), computed <see cref="IArchitecture.EvaluationBatchSize"/> samples at a time.</summary>
    public static Tensor Logits(IArchitecture architecture, ParameterSet parameters, Tensor features)
    {
        using var _ = no_grad();
        var n = features.shape[0];
        var batch = architecture.EvaluationBatchSize;
        if (n <= batch)
        {
            return architecture.Forward(parameters, features);
        }

        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += batch)
        {
            parts.Add(architecture.Forward(parameters, features.narrow(0, start, Math.Min(batch, n - start))));
        }

        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
