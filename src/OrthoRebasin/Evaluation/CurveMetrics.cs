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
    public const string LossMid = "loss_mid";
    public const string AccMid = "acc_mid";

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
        new(LossMid, "loss at λ = ½ minus the mean of the endpoint losses (REPAIR's and ZipIt's midpoint; needs λ = ½ on the grid)",
            c => c.Loss[Midpoint(c)] - 0.5 * (c.Loss[0] + c.Loss[^1]))
        {
            AppliesTo = HasMidpoint,
        },
        new(AccMid, "the mean of the endpoint accuracies minus the accuracy at λ = ½ (needs λ = ½ on the grid)",
            c => 0.5 * (c.Accuracy[0] + c.Accuracy[^1]) - c.Accuracy[Midpoint(c)])
        {
            Unit = "accuracy",
            AppliesTo = HasMidpoint,
        },
    ]);

    /// <summary>
    /// Whether the grid has λ = ½ (an odd number of evenly spaced λ has it exactly). Without it the midpoint metrics are
    /// left out: the midpoint is not guessed from its neighbours.
    /// </summary>
    public static bool HasMidpoint(CurveSample curve) => MidpointIndex(curve) >= 0;

    private static int Midpoint(CurveSample curve) =>
        MidpointIndex(curve) is var i and >= 0 ? i : throw new ArgumentException("The λ grid has no λ = ½: the midpoint metrics do not apply to it.", nameof(curve));

    private static int MidpointIndex(CurveSample curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        for (var i = 0; i < curve.Lambdas.Count; i++)
        {
            if (Math.Abs(curve.Lambdas[i] - 0.5) < 1e-12)
            {
                return i;
            }
        }

        return -1;
    }

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
