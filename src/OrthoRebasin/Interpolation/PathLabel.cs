namespace OrthoRebasin.Interpolation;

/// <summary>
/// How a path is named in results, curves, figures and reports: its id, followed by its correction when it has one
/// (<c>linear-repair</c>), so a corrected path sits beside the uncorrected one. '-' joins them because a label names
/// folders and must be a name (<see cref="Names"/>), where '+' is not allowed.
/// </summary>
public static class PathLabel
{
    public static string Of(string id, object? options) =>
        options is ICorrectionOptions { Correction: not Correction.None } corrected ? $"{id}-{Name(corrected.Correction)}" : id;

    /// <summary>The correction as a manifest writes it.</summary>
    public static string Name(Correction correction) => correction switch
    {
        Correction.None => "none",
        Correction.Repair => "repair",
        Correction.Rescale => "rescale",
        Correction.Reshift => "reshift",
        Correction.Reset => "reset",
        _ => throw new ArgumentOutOfRangeException(nameof(correction), correction, null),
    };
}
