using OrthoRebasin.Results;

namespace OrthoRebasin.Evaluation;

/// <summary>Every registered curve metric of a path sampled on a λ grid that includes 0 and 1 (docs/METHODS.md §5), and their summaries.</summary>
public static class Barriers
{
    public static BarrierMetrics Compute(IReadOnlyList<double> lambdas, IReadOnlyList<double> loss, IReadOnlyList<double> accuracy, double originalBLoss, double originalBAccuracy = double.NaN) =>
        Compute(new CurveSample(lambdas, loss, accuracy, originalBLoss, originalBAccuracy));

    public static BarrierMetrics Compute(CurveSample curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (lambdas, loss, accuracy) = (curve.Lambdas, curve.Loss, curve.Accuracy);
        if (lambdas.Count < 2 || loss.Count != lambdas.Count || accuracy.Count != lambdas.Count)
        {
            throw new ArgumentException($"A curve needs one loss and one accuracy per λ (λ: {lambdas.Count}, loss: {loss.Count}, accuracy: {accuracy.Count}).");
        }

        if (lambdas[0] != 0.0 || lambdas[^1] != 1.0)
        {
            throw new ArgumentException("The λ grid must start at 0 and end at 1: barriers are measured against the endpoints.");
        }

        // The first λ attaining the loss barrier: a path entirely under its chord reports λ = 0 and is flagged.
        double best = double.NegativeInfinity, argmax = 0.0;
        for (var i = 0; i < lambdas.Count; i++)
        {
            var excess = loss[i] - CurveMetrics.Chord(lambdas[i], loss[0], loss[^1]);
            if (excess > best)
            {
                (best, argmax) = (excess, lambdas[i]);
            }
        }

        return new BarrierMetrics
        {
            Values = CurveMetrics.Registry.Entries.Where(m => m.AppliesTo?.Invoke(curve) ?? true).ToDictionary(m => m.Id, m => m.Compute(curve), StringComparer.Ordinal),
            ArgmaxLambda = argmax,
        };
    }

    /// <summary>Every metric of every (method, path, split) summarised over its seed pairs.</summary>
    public static IReadOnlyList<BarrierSummary> SummarizeCurves(IEnumerable<CurveResult> curves) =>
        curves
            .GroupBy(c => (c.Method, c.Path, c.Split))
            .Select(g => new BarrierSummary
            {
                Method = g.Key.Method,
                Path = g.Key.Path,
                Split = g.Key.Split,
                Metrics = g.SelectMany(c => c.Barriers.Values.Keys).Distinct().ToDictionary(
                    name => name, name => MeanStd.Of(g.Select(c => c.Barriers[name]).ToList()), StringComparer.Ordinal),
                Pairs = g.Count(),
                EndpointMaxima = g.Count(c => c.Barriers.AtEndpoint),
            })
            .ToList();
}
