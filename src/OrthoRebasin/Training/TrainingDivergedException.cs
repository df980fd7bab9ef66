namespace OrthoRebasin.Training;

/// <summary>The loss became NaN or infinite: training stops rather than write a broken checkpoint.</summary>
public sealed class TrainingDivergedException(int epoch, int step, double loss)
    : UserErrorException($"Training diverged at epoch {epoch}, step {step}: loss is {loss}. Lower the learning rate or check the data for NaN/Inf.")
{
    public int Epoch { get; } = epoch;

    public int Step { get; } = step;

    public double Loss { get; } = loss;
}
