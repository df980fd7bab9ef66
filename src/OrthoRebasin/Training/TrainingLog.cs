namespace OrthoRebasin.Training;

/// <summary>
/// Per-epoch training loss and accuracy, validation loss when a validation split was given, the epoch whose weights
/// were kept (the last, or the validation minimum under early stopping), and how long training took.
/// </summary>
public sealed record TrainingLog(
    IReadOnlyList<double> EpochLoss, IReadOnlyList<double> EpochAccuracy, IReadOnlyList<double> ValidationLoss, int KeptEpoch, double Seconds);
