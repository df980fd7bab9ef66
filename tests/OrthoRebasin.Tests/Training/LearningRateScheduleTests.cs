using OrthoRebasin.Manifest;
using OrthoRebasin.Training;

namespace OrthoRebasin.Tests.Training;

public sealed class LearningRateScheduleTests
{
    private const double Peak = 0.4;

    [Fact]
    public void Without_a_schedule_every_step_has_the_peak_rate()
    {
        // Given / When
        var rates = Enumerable.Range(0, 50).Select(t => LearningRateSchedule.At(null, Peak, t, 50));

        // Then
        Assert.All(rates, r => Assert.Equal(Peak, r));
    }

    [Theory]
    [InlineData(ScheduleKind.Cosine)]
    [InlineData(ScheduleKind.OneCycle)]
    public void The_rate_rises_linearly_to_the_peak_over_the_warm_up_then_falls_towards_zero(ScheduleKind kind)
    {
        // Given 100 steps, a fifth of them warming up
        var schedule = new ScheduleSpec { Kind = kind, Warmup = 0.2 };

        // When
        var rates = Enumerable.Range(0, 100).Select(t => LearningRateSchedule.At(schedule, Peak, t, 100)).ToArray();

        // Then: equal increments up to the peak at step 19, then a strict decrease to a last rate below 2% of the peak
        var increments = rates.Take(20).Zip(rates.Skip(1).Take(19), (x, y) => y - x).ToArray();
        Assert.All(increments, d => Assert.Equal(Peak / 20, d, 12));
        Assert.Equal(Peak, rates[19], 12);
        Assert.Equal(Peak, rates[20], 12);
        Assert.All(rates.Skip(20).Zip(rates.Skip(21)), pair => Assert.True(pair.Second < pair.First));
        Assert.InRange(rates[^1], 0, 0.02 * Peak);
    }

    [Fact]
    public void Half_way_through_the_decay_cosine_is_at_half_the_peak_and_one_cycle_too()
    {
        // Given 10 warm-up steps of 110: the decay runs over steps 10..110, its middle at step 60
        var cosine = new ScheduleSpec { Kind = ScheduleKind.Cosine, Warmup = 10.0 / 110 };
        var oneCycle = cosine with { Kind = ScheduleKind.OneCycle };

        // When / Then
        Assert.Equal(Peak / 2, LearningRateSchedule.At(cosine, Peak, 60, 110), 12);
        Assert.Equal(Peak / 2, LearningRateSchedule.At(oneCycle, Peak, 60, 110), 12);
        Assert.True(LearningRateSchedule.At(cosine, Peak, 35, 110) > LearningRateSchedule.At(oneCycle, Peak, 35, 110), "cosine decays more slowly at first");
    }

    [Fact]
    public void Without_warm_up_the_first_step_has_the_peak()
    {
        // Given
        var schedule = new ScheduleSpec { Kind = ScheduleKind.OneCycle, Warmup = 0 };

        // When / Then
        Assert.Equal(Peak, LearningRateSchedule.At(schedule, Peak, 0, 40), 12);
        Assert.Equal(Peak / 40, LearningRateSchedule.At(schedule, Peak, 39, 40), 12);
    }
}
