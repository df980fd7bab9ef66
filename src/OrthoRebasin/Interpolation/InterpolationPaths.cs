using OrthoRebasin.Manifest;

namespace OrthoRebasin.Interpolation;

/// <summary>Turns a manifest's path entry into its implementation.</summary>
public static class InterpolationPaths
{
    public static IInterpolationPath Create(PathSpec spec) => spec.Id switch
    {
        "linear" => new LinearPath(),
        _ => throw new ArgumentException($"No implementation of path '{spec.Id}'; paths: {string.Join(", ", Catalog.Paths.Select(p => p.Id))}."),
    };
}
