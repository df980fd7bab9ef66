using System.Text.Json.Serialization;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Interpolation;

/// <summary>Options of the <c>slerp</c> path (docs/METHODS.md §4).</summary>
public sealed record SlerpOptions : ICorrectionOptions
{
    public SlerpNorm Norm { get; init; } = SlerpNorm.Interpolate;

    public SlerpPer Per { get; init; } = SlerpPer.Tensor;

    /// <summary>Left out of hashes when none, so slerp paths without a correction keep their cache keys.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Correction Correction { get; init; }

    [AtLeast(0), AtMost(CorrectionBounds.MaxCalibration, CorrectionBounds.CalibrationWhy)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Calibration { get; init; }
}
