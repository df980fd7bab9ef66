namespace OrthoRebasin.Evaluation;

/// <summary>
/// One evaluated path on one split: loss and accuracy at every λ of a grid that starts at 0 and ends at 1, and the
/// loss and accuracy of the original, unaligned B on the same split. What every curve metric is computed from.
/// </summary>
public sealed record CurveSample(
    IReadOnlyList<double> Lambdas, IReadOnlyList<double> Loss, IReadOnlyList<double> Accuracy, double OriginalBLoss, double OriginalBAccuracy);
