using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>Mean cross-entropy and accuracy of a model; the logits for fidelity measures.</summary>
public static class Evaluator
{
    private const int BatchSize = 4096;

    public static (double Loss, double Accuracy) Evaluate(IArchitecture architecture, ParameterSet parameters, EvaluationSplit split)
    {
        using var _ = no_grad();
        var n = split.Features.shape[0];
        double lossSum = 0, correct = 0;
        for (long start = 0; start < n; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(BatchSize, n - start);
            var logits = architecture.Forward(parameters, split.Features.narrow(0, start, count));
            var labels = split.Labels.narrow(0, start, count);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).to(float64).item<double>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (lossSum / n, correct / n);
    }

    public static Tensor Logits(IArchitecture architecture, ParameterSet parameters, Tensor features)
    {
        using var _ = no_grad();
        return architecture.Forward(parameters, features);
    }
}
