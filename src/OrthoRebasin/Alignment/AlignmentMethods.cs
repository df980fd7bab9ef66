using OrthoRebasin.Manifest;

namespace OrthoRebasin.Alignment;

/// <summary>Turns a manifest's method entry into its implementation.</summary>
public static class AlignmentMethods
{
    public static IAlignmentMethod Create(MethodSpec spec)
    {
        var entry = Catalog.Find(Catalog.Methods, spec.Id)
            ?? throw new ArgumentException($"No method '{spec.Id}'; methods: {string.Join(", ", Catalog.Methods.Select(m => m.Id))}.");
        // A MethodSpec built in code without options runs with the method's defaults (the manifest always binds them).
        var options = spec.Options is NoOptions && entry.OptionsType != typeof(NoOptions) ? Activator.CreateInstance(entry.OptionsType)! : spec.Options;
        return (spec.Id, options) switch
        {
            ("identity", NoOptions) => new IdentityAlignment(),
            ("weight-matching", WeightMatchingOptions o) => new WeightMatching(o),
            ("activation-matching", ActivationMatchingOptions o) => new ActivationMatching(o),
            ("procrustes-weight", ProcrustesWeightOptions o) => new ProcrustesWeight(o),
            ("procrustes-weight-layerwise", ProcrustesWeightLayerwiseOptions o) => new ProcrustesWeightLayerwise(o),
            ("procrustes-activation", ProcrustesActivationOptions o) => new ProcrustesActivation(o),
            ("stiefel", StiefelOptions o) => new StiefelAlignment(o),
            ("svd-weight", SvdWeightOptions o) => new SvdWeight(o),
            ("whitened-procrustes", WhitenedProcrustesOptions o) => new WhitenedProcrustes(o),
            ("polar", PolarOptions o) => new PolarAlignment(o),
            ("stiefel-activation", StiefelActivationOptions o) => new StiefelActivation(o),
            ("reflection", ReflectionOptions o) => new ReflectionAlignment(o),
            ("residual-procrustes", ResidualProcrustesOptions o) => new ResidualProcrustes(o),
            _ => throw new ArgumentException($"Method '{spec.Id}' cannot take options of type {options.GetType().Name}; it takes {entry.OptionsType.Name}."),
        };
    }
}
