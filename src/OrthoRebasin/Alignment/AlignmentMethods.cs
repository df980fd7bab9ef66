using OrthoRebasin.Manifest;

namespace OrthoRebasin.Alignment;

/// <summary>Turns a manifest's method entry into its implementation.</summary>
public static class AlignmentMethods
{
    public static IAlignmentMethod Create(MethodSpec spec) => (spec.Id, spec.Options) switch
    {
        ("identity", _) => new IdentityAlignment(),
        ("weight-matching", WeightMatchingOptions o) => new WeightMatching(o),
        ("weight-matching", NoOptions) => new WeightMatching(new WeightMatchingOptions()),
        ("activation-matching", ActivationMatchingOptions o) => new ActivationMatching(o),
        ("activation-matching", NoOptions) => new ActivationMatching(new ActivationMatchingOptions()),
        _ => throw new ArgumentException(
            $"No implementation of method '{spec.Id}' with options {spec.Options.GetType().Name}; methods: {string.Join(", ", Catalog.Methods.Select(m => m.Id))}."),
    };
}
