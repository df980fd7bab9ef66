using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Evaluation;

public sealed class BarrierTests
{
    private static readonly double[] Lambdas = [0, 0.25, 0.5, 0.75, 1];

    [Fact]
    public void Loss_barrier_is_the_largest_excess_over_the_chord()
    {
        // Given a curve from loss 1 to loss 3 with a bump at λ = 0.5 (chord there: 2)
        double[] loss = [1, 2, 4, 2.5, 3];
        double[] accuracy = [0.9, 0.8, 0.5, 0.7, 0.7];

        // When the barriers are computed (original B's loss 2, below aligned B's 3)
        var barriers = Barriers.Compute(Lambdas, loss, accuracy, originalBLoss: 2);

        // Then each definition of docs/METHODS.md §5 gives its own value
        Assert.Equal(2.0, barriers[CurveMetrics.LossBarrier], 12);                  // 4 − 2
        Assert.Equal(0.5, barriers.ArgmaxLambda);
        Assert.Equal(4 - 0.5 * (1 + 3), barriers[CurveMetrics.LossBarrierMean], 12); // 2
        Assert.Equal(0.8 - 0.5, barriers[CurveMetrics.AccBarrier], 12);              // chord 0.8 at λ = 0.5
        Assert.Equal(4 - 1.5, barriers[CurveMetrics.LossBarrierVsOriginal], 12);     // chord to the original B: 1.5 at λ = 0.5
        Assert.False(barriers.AtEndpoint);
    }

    [Fact]
    public void The_midpoint_metrics_read_the_curve_at_one_half_against_the_endpoints_mean()
    {
        // Given a curve whose largest excess is not at λ = ½ (loss 2.2 there, 4 at λ = 0.25)
        double[] loss = [1, 4, 2.2, 2.5, 3];
        double[] accuracy = [0.9, 0.5, 0.6, 0.7, 0.7];

        // When the metrics are computed
        var barriers = Barriers.Compute(Lambdas, loss, accuracy, originalBLoss: 3);

        // Then the midpoint metrics take λ = ½ itself, not the maximum
        Assert.Equal(2.2 - 0.5 * (1 + 3), barriers[CurveMetrics.LossMid], 12);     // 0.2
        Assert.Equal(0.5 * (0.9 + 0.7) - 0.6, barriers[CurveMetrics.AccMid], 12);  // 0.2
        Assert.Equal(4 - 1.5, barriers[CurveMetrics.LossBarrier], 12);   // the chord at λ = ¼ is 1.5
    }

    [Fact]
    public void A_grid_without_one_half_has_no_midpoint_metrics_rather_than_a_guess()
    {
        // Given an even grid of 4 λ (0, ⅓, ⅔, 1)
        double[] lambdas = [0, 1.0 / 3, 2.0 / 3, 1];

        // When the metrics are computed
        var barriers = Barriers.Compute(lambdas, [1, 2, 2, 1], [0.9, 0.8, 0.8, 0.9], originalBLoss: 1);

        // Then the midpoint metrics are absent (not NaN, which the check would read as a failure) and the others are there
        Assert.False(barriers.Values.ContainsKey(CurveMetrics.LossMid));
        Assert.False(barriers.Values.ContainsKey(CurveMetrics.AccMid));
        Assert.Equal(1.0, barriers[CurveMetrics.LossBarrier], 12);
    }

    [Fact]
    public void A_path_below_its_chord_has_zero_barrier_at_an_endpoint()
    {
        // Given a convex curve that lies under the chord everywhere
        double[] loss = [2, 1.2, 1, 1.2, 2];
        double[] accuracy = [0.5, 0.6, 0.7, 0.6, 0.5];

        // When the barriers are computed
        var barriers = Barriers.Compute(Lambdas, loss, accuracy, originalBLoss: 2);

        // Then the barrier is zero, attained at λ = 0, and flagged as an endpoint maximum
        Assert.Equal(0.0, barriers[CurveMetrics.LossBarrier]);
        Assert.True(barriers.AtEndpoint);
        Assert.Equal(0.0, barriers[CurveMetrics.AccBarrier]);
        Assert.Equal(0.0, barriers[CurveMetrics.LossBarrierMean]);
    }

    [Fact]
    public void Mean_and_sample_standard_deviation_over_pairs()
    {
        // Given three pairs' barriers
        double[] values = [1, 2, 4];

        // When summarised
        var summary = MeanStd.Of(values);

        // Then mean 7/3 and the n − 1 standard deviation
        Assert.Equal(7.0 / 3, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2), summary.Std, 12);
        Assert.Equal(3, summary.Count);
    }

    [Fact]
    public void A_grid_without_both_endpoints_is_rejected()
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => Barriers.Compute([0.1, 1], [1, 1], [1, 1], 1));
    }
}
