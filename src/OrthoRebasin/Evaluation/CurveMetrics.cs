namespace OrthoRebasin.Evaluation;

/// <summary>
/// The metrics computed from every evaluated path (docs/METHODS.md §5), in the order of results.csv's columns. The
/// constants name the ones other code refers to (the primary barrier, the study comparison's definitions).
/// </summary>
public static class CurveMetrics
{
    public const string LossBarrier = "loss_barrier";
    public const string LossBarrierMean = "loss_barrier_mean";
    public const string AccBarrier = "acc_barrier";
    public const string LossBarrierVsOriginal = "loss_barrier_vs_original";

    public static Registry<CurveMetric> Registry { get; } = new("metric",
    [
        new(LossBarrier, "max over λ of the loss above the chord between the endpoints (the primary barrier)",
            c => Max(c, i => c.Loss[i] - Chord(c.Lambdas[i], c.Loss[0], c.Loss[^1]))),
        new(LossBarrierMean, "max loss on the path minus the mean of the endpoint losses (Git Re-Basin's code)",
            c => c.Loss.Max() - 0.5 * (c.Loss[0] + c.Loss[^1])),
        new(AccBarrier, "the largest drop of accuracy below the chord between the endpoints", c => Max(c, i => Chord(c.Lambdas[i], c.Accuracy[0], c.Accuracy[^1]) - c.Accuracy[i]))
        {
            Unit = "accuracy",
        },
        new(LossBarrierVsOriginal, "max over λ of the loss above the chord drawn to the original B, not the aligned B'",
            c => Max(c, i => c.Loss[i] - Chord(c.Lambdas[i], c.Loss[0], c.OriginalBLoss))),
    ]);

    /// <summary>(1 − λ) a + λ b.</summary>
    public static double Chord(double lambda, double a, double b) => (1 - lambda) * a + lambda * b;

    private static double Max(CurveSample curve, Func<int, double> value)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < curve.Lambdas.Count; i++)
        {
            max = Math.Max(max, value(i));
        }

        return max;
    }
}
