using OrthoRebasin.Alignment;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Interpolation;

/// <summary>Turns a manifest's path entry into its implementation.</summary>
public static class InterpolationPaths
{
    public static IInterpolationPath Create(PathSpec spec) => (spec.Id, spec.Options) switch
    {
        ("linear", NoOptions) => new LinearPath(),
        // A manifest entry without `options:` carries NoOptions; the path then runs with its defaults.
        ("slerp", NoOptions) => new SlerpPath(new SlerpOptions()),
        ("slerp", SlerpOptions o) => new SlerpPath(o),
        ("linear" or "slerp", var options) => throw new ArgumentException($"Path '{spec.Id}' cannot take options of type {options.GetType().Name}."),
        _ => throw new ArgumentException($"No implementation of path '{spec.Id}'; paths: {string.Join(", ", Catalog.Paths.Select(p => p.Id))}."),
    };
}
