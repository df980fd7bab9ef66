using OrthoRebasin.Results;

namespace OrthoRebasin.Evaluation;

/// <summary>The barrier metrics of METHODS.md §5, from a curve sampled on a λ grid that includes 0 and 1.</summary>
public static class Barriers
{
    public static BarrierMetrics Compute(IReadOnlyList<double> lambdas, IReadOnlyList<double> loss, IReadOnlyList<double> accuracy, double originalBLoss)
    {
        if (lambdas.Count < 2 || loss.Count != lambdas.Count || accuracy.Count != lambdas.Count)
            throw new ArgumentException($"A curve needs one loss and one accuracy per λ (λ: {lambdas.Count}, loss: {loss.Count}, accuracy: {accuracy.Count}).");
        if (lambdas[0] != 0.0 || lambdas[^1] != 1.0)
            throw new ArgumentException("The λ grid must start at 0 and end at 1: barriers are measured against the endpoints.");

        double l0 = loss[0], l1 = loss[^1], a0 = accuracy[0], a1 = accuracy[^1];
        double lossBarrier = double.NegativeInfinity, accBarrier = double.NegativeInfinity, vsOriginal = double.NegativeInfinity;
        var argmax = 0.0;
        for (var i = 0; i < lambdas.Count; i++)
        {
            var lambda = lambdas[i];
            var excess = loss[i] - ((1 - lambda) * l0 + lambda * l1);
            if (excess > lossBarrier)
            {
                lossBarrier = excess;
                argmax = lambda;
            }
            accBarrier = Math.Max(accBarrier, (1 - lambda) * a0 + lambda * a1 - accuracy[i]);
            vsOriginal = Math.Max(vsOriginal, loss[i] - ((1 - lambda) * l0 + lambda * originalBLoss));
        }
        return new BarrierMetrics
        {
            LossBarrier = lossBarrier,
            LossBarrierMean = loss.Max() - 0.5 * (l0 + l1),
            AccBarrier = accBarrier,
            LossBarrierVsOriginal = vsOriginal,
            ArgmaxLambda = argmax,
        };
    }

    /// <summary>Mean and sample standard deviation (n − 1; 0 for a single value).</summary>
    public static MeanStd Summarize(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return new MeanStd(double.NaN, double.NaN, 0);
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0.0;
        return new MeanStd(mean, std, values.Count);
    }

    /// <summary>Barriers of every (method, path, split) summarised over its seed pairs.</summary>
    public static IReadOnlyList<BarrierSummary> SummarizeCurves(IEnumerable<CurveResult> curves) =>
        curves
            .GroupBy(c => (c.Method, c.Path, c.Split))
            .Select(g => new BarrierSummary
            {
                Method = g.Key.Method,
                Path = g.Key.Path,
                Split = g.Key.Split,
                LossBarrier = Summarize(g.Select(c => c.Barriers.LossBarrier).ToList()),
                LossBarrierMean = Summarize(g.Select(c => c.Barriers.LossBarrierMean).ToList()),
                AccBarrier = Summarize(g.Select(c => c.Barriers.AccBarrier).ToList()),
                LossBarrierVsOriginal = Summarize(g.Select(c => c.Barriers.LossBarrierVsOriginal).ToList()),
                EndpointMaxima = g.Count(c => c.Barriers.AtEndpoint),
            })
            .ToList();
}
