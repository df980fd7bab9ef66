using OrthoRebasin.Manifest;

namespace OrthoRebasin.Training;

/// <summary>
/// The learning rate of every step (docs/METHODS.md §5). With T steps in all and W = ⌈warmup·T⌉ warm-up steps, step t
/// (0-based) has rate peak·(t + 1)/W while t &lt; W; after that, with progress p = (t − W)/(T − W):
/// cosine peak·½(1 + cos πp), one-cycle peak·(1 − p). Without a schedule every step has the peak.
/// </summary>
public static class LearningRateSchedule
{
    public static double At(ScheduleSpec? schedule, double peak, long step, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (schedule is null)
        {
            return peak;
        }

        var warmup = (long)Math.Ceiling(schedule.Warmup * totalSteps);
        if (step < warmup)
        {
            return peak * (step + 1) / warmup;
        }

        var progress = totalSteps == warmup ? 1.0 : Math.Min(1.0, (double)(step - warmup) / (totalSteps - warmup));
        return schedule.Kind switch
        {
            ScheduleKind.Cosine => peak * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            ScheduleKind.OneCycle => peak * (1 - progress),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Kind, "Unknown schedule."),
        };
    }
}
