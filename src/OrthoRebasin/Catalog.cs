using OrthoRebasin.Alignment;

namespace OrthoRebasin;

/// <summary>One entry of a catalog: a manifest id, what it is, and the record type its options bind to.</summary>
public sealed record CatalogEntry(string Id, string Description, Type OptionsType);

/// <summary>
/// The ids a manifest may name (METHODS.md spells them), each with the type of its options. The manifest
/// validates against these lists; the pipeline resolves the same ids to implementations.
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<CatalogEntry> Methods { get; } =
    [
        new("identity", "Naive: B unchanged", typeof(NoOptions)),
        new("weight-matching", "Git Re-Basin weight matching: coordinate descent of LAPs over hidden layers", typeof(WeightMatchingOptions)),
        new("activation-matching", "Git Re-Basin activation matching: one LAP per hidden layer on activation correlations", typeof(ActivationMatchingOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Paths { get; } =
    [
        new("linear", "theta(lambda) = (1 - lambda) theta_A + lambda theta_B'", typeof(NoOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Datasets { get; } =
    [
        new("uci-digits", "UCI optical digits, 8x8 images, 10 classes, 1,797 samples (ships with the repository)", typeof(NoOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Models { get; } =
    [
        new("mlp", "Multilayer perceptron, ReLU hidden layers, no normalisation", typeof(NoOptions)),
    ];

    public static CatalogEntry? Find(IReadOnlyList<CatalogEntry> catalog, string id) =>
        catalog.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
