using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>Loss and accuracy along an interpolation path, with its correction: the evaluation the pipeline's curves and an import's report share.</summary>
public static class PathEvaluation
{
    /// <summary>
    /// θ(λ) of <paramref name="path"/> between <paramref name="a"/> and <paramref name="b"/> at every λ of
    /// <paramref name="lambdas"/>, corrected by <paramref name="correction"/> on <paramref name="calibration"/> (needed
    /// unless the correction is none), evaluated on every split: loss[split][λ] and accuracy[split][λ]. The endpoints'
    /// statistics are measured once, not at every λ (a reset needs none: it recomputes the running statistics of θ_λ
    /// alone, <paramref name="batchSize"/> samples at a time).
    /// </summary>
    public static (double[][] Loss, double[][] Accuracy) Evaluate(
        IArchitecture architecture, IInterpolationPath path, Correction correction, ParameterSet a, ParameterSet b,
        IReadOnlyList<double> lambdas, IReadOnlyList<EvaluationSplit> splits, Tensor? calibration, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        ArgumentNullException.ThrowIfNull(splits);
        if (correction != Correction.None && calibration is null)
        {
            throw new ArgumentException($"The correction {correction} needs calibration inputs.", nameof(calibration));
        }

        var loss = splits.Select(_ => new double[lambdas.Count]).ToArray();
        var accuracy = splits.Select(_ => new double[lambdas.Count]).ToArray();
        using var endpoints = correction is Correction.None or Correction.Reset ? null : Renormalisation.Endpoints(architecture, a, b, calibration!);
        for (var i = 0; i < lambdas.Count; i++)
        {
            using var interpolated = path.At(a, b, lambdas[i]);
            using var corrected = correction == Correction.Reset
                ? StatisticsReset.Recompute(architecture, interpolated, lambdas[i], calibration!, batchSize)
                : endpoints is null ? null : Renormalisation.Correct(architecture, interpolated, endpoints, lambdas[i], calibration!, correction);
            var theta = corrected ?? interpolated;
            for (var s = 0; s < splits.Count; s++)
            {
                (loss[s][i], accuracy[s][i]) = Evaluator.Evaluate(architecture, theta, splits[s]);
            }
        }

        return (loss, accuracy);
    }
}
