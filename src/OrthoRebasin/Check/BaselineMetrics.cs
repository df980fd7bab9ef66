using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;

namespace OrthoRebasin.Check;

/// <summary>
/// The numbers the regression check compares, each under a stable path:
/// <c>summary/{method}/{path}/{split}/{metric}/{mean|std}</c> and <c>summary/{method}/{path}/{split}/endpoint_maxima</c>,
/// <c>conventions/{method}/{path}/{split}/{metric}/{mean|std}</c> over the random convention draws (checked with the
/// summary's tolerances),
/// <c>curves/{method}/{path}/{split}/{pairA-pairB}/{metric}</c> for every curve metric (<see cref="CurveMetrics"/>) of every seed pair, and
/// <c>fidelity/{method}/{pairA-pairB}/{metric}</c>, and per weight matrix
/// <c>diagnostics/{method}/{pairA-pairB}/{parameter}/{weight_cosine|sv_cosine_topk}</c> (A against aligned B').
/// Of the alignment diagnostics only these two are checked: they are deterministic functions of the models and the
/// transforms (float64, CPU SVD) and say whether alignment did its job. Seconds are not deterministic; objectives and
/// iterations are per-method internals whose scale differs between methods; the per-index singular-vector curve (ten
/// numbers a layer, each sensitive to near-ties of singular values) is summarised by its mean, which is what is checked.
/// The per-λ curve points and argmax_lambda are left out: the barriers are what the experiments claim, and a grid argmax
/// jumps between neighbouring λ on flat curves; an endpoint maximum still shows up in endpoint_maxima.
/// </summary>
public static class BaselineMetrics
{
    public const string EndpointMaxima = "endpoint_maxima";
    public const string WeightCosine = "weight_cosine";
    public const string SingularVectorCosine = "sv_cosine_topk";

    /// <summary>The curve metrics, each checked per pair and summarised over seed pairs (mean and std): every registered one.</summary>
    public static IReadOnlyList<string> SummaryMetrics => CurveMetrics.Registry.Ids;

    private static readonly string[] FidelityMetrics = ["delta_loss", "delta_accuracy", "prediction_agreement", "logit_mse", "distance_before", "distance_after"];

    /// <summary>
    /// Every name a tolerances file may give (besides <c>default</c>): each metric, and each summary barrier's
    /// <c>/mean</c> and <c>/std</c> (see <see cref="ToleranceNames"/>).
    /// </summary>
    public static IReadOnlyList<string> ToleranceKeys =>
    [
        .. SummaryMetrics,
        .. SummaryMetrics.SelectMany(m => new[] { $"{m}/mean", $"{m}/std" }),
        EndpointMaxima,
        .. FidelityMetrics,
        WeightCosine,
        SingularVectorCosine,
    ];

    public static IReadOnlyDictionary<string, double> Flatten(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);

        foreach (var s in results.Summary)
        {
            var prefix = $"summary/{s.Method}/{s.Path}/{s.Split}";
            foreach (var (name, value) in s.Metrics)
            {
                AddMeanStd(metrics, $"{prefix}/{name}", value);
            }

            Add(metrics, $"{prefix}/{EndpointMaxima}", s.EndpointMaxima);
        }

        foreach (var s in results.ConventionSpread)
        {
            var prefix = $"conventions/{s.Method}/{s.Path}/{s.Split}";
            foreach (var (name, value) in s.Metrics)
            {
                AddMeanStd(metrics, $"{prefix}/{name}", value);
            }
        }

        foreach (var c in results.Curves)
        {
            var prefix = $"curves/{c.Method}/{c.Path}/{c.Split}/{c.Pair}";
            foreach (var (name, value) in c.Barriers.Values)
            {
                Add(metrics, $"{prefix}/{name}", value);
            }
        }

        foreach (var f in results.Fidelity)
        {
            var prefix = $"fidelity/{f.Method}/{f.Pair}";
            double[] values = [f.DeltaLoss, f.DeltaAccuracy, f.PredictionAgreement, f.LogitMse, f.DistanceBefore, f.DistanceAfter];
            for (var i = 0; i < FidelityMetrics.Length; i++)
            {
                Add(metrics, $"{prefix}/{FidelityMetrics[i]}", values[i]);
            }
        }

        foreach (var d in results.Diagnostics)
        {
            foreach (var layer in d.Layers)
            {
                var prefix = $"diagnostics/{d.Method}/{d.Pair}/{layer.Parameter}";
                Add(metrics, $"{prefix}/{WeightCosine}", layer.WeightCosineAfter);
                Add(metrics, $"{prefix}/{SingularVectorCosine}", layer.SingularVectorCosineAfter);
            }
        }

        return metrics;
    }

    /// <summary>
    /// The tolerance names tried for a path, most specific first: for a summary statistic <c>loss_barrier/std</c> then
    /// <c>loss_barrier</c>; for anything else its last segment. The caller falls back to <c>default</c>, then to zero.
    /// </summary>
    public static IReadOnlyList<string> ToleranceNames(string path)
    {
        var segments = path.Split('/');
        var last = segments[^1];
        if (segments[0] is "summary" or "conventions" && segments.Length >= 2 && last is "mean" or "std")
        {
            return [$"{segments[^2]}/{last}", segments[^2]];
        }

        return [last];
    }

    private static void AddMeanStd(SortedDictionary<string, double> metrics, string prefix, MeanStd value)
    {
        Add(metrics, $"{prefix}/mean", value.Mean);
        Add(metrics, $"{prefix}/std", value.Std);
    }

    private static void Add(SortedDictionary<string, double> metrics, string path, double value)
    {
        // Two records under one path would make the check compare whichever came last.
        if (!metrics.TryAdd(path, value))
        {
            throw new InvalidDataException($"The results hold two values for '{path}'.");
        }
    }
}
