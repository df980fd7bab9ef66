using System.Text.Json.Serialization;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Interpolation;

/// <summary>
/// Options of the <c>linear</c> path (docs/METHODS.md §4). Both are left out of hashes at their defaults, so a linear
/// path without a correction keeps the cache keys it had when it took no options.
/// </summary>
public sealed record LinearOptions : ICorrectionOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Correction Correction { get; init; }

    [AtLeast(0), AtMost(CorrectionBounds.MaxCalibration, CorrectionBounds.CalibrationWhy)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Calibration { get; init; }
}
