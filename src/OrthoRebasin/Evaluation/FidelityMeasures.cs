using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>How far aligned B' is from B as a function; all zero (agreement 1) for an exact symmetry.</summary>
public sealed record FidelityMeasures(double LossB, double LossAligned, double AccuracyB, double AccuracyAligned, double PredictionAgreement, double LogitMse)
{
    public static FidelityMeasures Measure(IArchitecture architecture, ParameterSet b, ParameterSet aligned, EvaluationSplit split)
    {
        var (lossB, accuracyB) = Evaluator.Evaluate(architecture, b, split);
        var (lossAligned, accuracyAligned) = Evaluator.Evaluate(architecture, aligned, split);
        using var scope = NewDisposeScope();
        var logitsB = Evaluator.Logits(architecture, b, split.Features);
        var logitsAligned = Evaluator.Logits(architecture, aligned, split.Features);
        var agreement = logitsB.argmax(1).eq(logitsAligned.argmax(1)).to(float64).mean().item<double>();
        var mse = (logitsB.to(float64) - logitsAligned.to(float64)).square().mean().item<double>();
        return new FidelityMeasures(lossB, lossAligned, accuracyB, accuracyAligned, agreement, mse);
    }
}
