namespace OrthoRebasin.Interpolation;

/// <summary>The options every path takes to correct θ(λ) after interpolation (docs/METHODS.md §4).</summary>
public interface ICorrectionOptions
{
    /// <summary>Which correction; <see cref="Correction.None"/> leaves θ(λ) as the path gives it.</summary>
    Correction Correction { get; }

    /// <summary>
    /// How many samples the statistics are measured on: the first N of the fixed training subset (the <c>train</c>
    /// evaluation split, whose order is fixed, so no random numbers). 0: the whole subset.
    /// </summary>
    int Calibration { get; }
}
