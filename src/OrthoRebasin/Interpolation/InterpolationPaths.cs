namespace OrthoRebasin.Interpolation;

/// <summary>The interpolation paths a manifest may name: one registration line each (docs/METHODS.md §4).</summary>
public static class InterpolationPaths
{
    public static Registry<PathEntry> Registry { get; } = new("path",
    [
        PathEntry.Of<LinearOptions>("linear", "theta(lambda) = (1 - lambda) theta_A + lambda theta_B', optionally corrected", _ => new LinearPath()),
        PathEntry.Of<SlerpOptions>("slerp", "spherical interpolation per tensor or row, norm interpolated or not, optionally corrected", o => new SlerpPath(o)),
    ]);
}
