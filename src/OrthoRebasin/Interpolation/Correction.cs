namespace OrthoRebasin.Interpolation;

/// <summary>
/// A correction of the interpolated network's hidden units after interpolation (docs/METHODS.md §4), applied by
/// <see cref="Renormalisation"/>. <see cref="None"/> is the default and the zero value, so a path without one serializes
/// (and hashes) as it did before corrections existed.
/// </summary>
public enum Correction
{
    /// <summary>θ(λ) as the path gives it.</summary>
    None,

    /// <summary>Every unit's mean and standard deviation set to the endpoints' interpolated ones (REPAIR).</summary>
    Repair,

    /// <summary>Only the standard deviation set to its target; the mean kept.</summary>
    Rescale,

    /// <summary>Only the mean set to its target; the standard deviation kept.</summary>
    Reshift,

    /// <summary>BatchNorm reset: the running statistics recomputed on the calibration set (<see cref="StatisticsReset"/>); weights kept.</summary>
    Reset,
}
