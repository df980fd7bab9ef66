using System.Globalization;

namespace OrthoRebasin.Training;

/// <summary>
/// Training ran away: the loss became NaN or infinite, or it exploded (stayed above the limit of
/// <see cref="Trainer.ExplosionLimit"/> for <see cref="Trainer.ExplosionSteps"/> consecutive steps). Training stops rather
/// than write a broken checkpoint; the message names the epoch and the step (both as the trainer counts them: epochs
/// from 1, steps within the epoch from 0).
/// </summary>
public sealed class TrainingDivergedException : UserErrorException
{
    /// <summary>The loss became NaN or infinite at this step.</summary>
    public TrainingDivergedException(int epoch, int step, double loss)
        : this(epoch, step, loss, string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at epoch {epoch}, step {step}: loss is {loss}. Lower the learning rate or check the data for NaN/Inf."))
    {
    }

    private TrainingDivergedException(int epoch, int step, double loss, string message)
        : base(message)
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    public int Epoch { get; }

    public int Step { get; }

    public double Loss { get; }

    /// <summary>The loss stayed above <paramref name="limit"/> for <paramref name="steps"/> consecutive steps, ending at this one.</summary>
    public static TrainingDivergedException Exploded(int epoch, int step, double loss, double limit, int steps) =>
        new(epoch, step, loss, string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at epoch {epoch}, step {step}: the batch loss stayed above {limit:G4} (10 × the larger of the first epoch's mean loss and ln(classes)) for {steps} consecutive steps, and is now {loss:G4}. Lower the learning rate."));
}
