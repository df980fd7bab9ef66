namespace OrthoRebasin.Interpolation;

/// <summary>The bounds of the correction options, shared by every path's options.</summary>
internal static class CorrectionBounds
{
    public const int MaxCalibration = 1_000_000;

    public const string CalibrationWhy = "the calibration samples are a part of the training subset, which holds at most 1000000";
}
