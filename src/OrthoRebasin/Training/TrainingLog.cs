namespace OrthoRebasin.Training;

/// <summary>Mean training loss and accuracy of each epoch, and how long training took.</summary>
public sealed record TrainingLog(IReadOnlyList<double> EpochLoss, IReadOnlyList<double> EpochAccuracy, double Seconds);
