using OrthoRebasin.Results;

namespace OrthoRebasin.Pipeline;

// The small JSON records each stage writes beside its tensors.

/// <summary>train/…/training.json</summary>
public sealed record TrainingRecord(
    int Seed, IReadOnlyList<double> EpochLoss, IReadOnlyList<double> EpochAccuracy, IReadOnlyList<double> ValidationLoss, int KeptEpoch,
    double TestLoss, double TestAccuracy, double Seconds, int Threads, ComputeDevice Device)
{
    /// <summary>The augmentation the model was trained with; absent from the file when there was none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Manifest.AugmentationSpec? Augmentation { get; init; }

    /// <summary>
    /// The checkpoint file, as the manifest writes it, that the model was imported from (then <see cref="Seed"/> is the
    /// endpoint's number and no epoch ran); absent for a trained model.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Checkpoint { get; init; }
}

/// <summary>
/// align/…/alignment.json: per-group diagnostics, the fidelity of B' to B on the test split, and the per-layer
/// similarity of A to B and to B' (weight cosine, top-k singular-vector cosine).
/// </summary>
public sealed record AlignmentRecord(
    string Method, int SeedA, int SeedB, IReadOnlyList<LayerDiagnostics> Groups,
    double LossB, double LossAligned, double AccuracyB, double AccuracyAligned,
    double PredictionAgreement, double LogitMse, double DistanceBefore, double DistanceAfter, double Seconds,
    IReadOnlyList<LayerSimilarity> Layers)
{
    /// <summary>The convention draw B was aligned with (<see cref="Alignment.AlignmentProblem.ConventionDraw"/>); absent when 0.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int ConventionDraw { get; init; }
}

/// <summary>interpolate/…/curves.json: one curve per split.</summary>
public sealed record CurveRecord(string Method, string Path, int SeedA, int SeedB, IReadOnlyList<double> Lambdas, IReadOnlyList<SplitCurve> Splits, double Seconds)
{
    /// <summary>The convention draw B was aligned with (<see cref="Alignment.AlignmentProblem.ConventionDraw"/>); absent when 0.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int ConventionDraw { get; init; }
}

public sealed record SplitCurve(string Split, IReadOnlyList<double> Loss, IReadOnlyList<double> Accuracy, double OriginalBLoss, double OriginalBAccuracy);
