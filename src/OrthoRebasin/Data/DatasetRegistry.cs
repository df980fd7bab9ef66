namespace OrthoRebasin.Data;

/// <summary>The data sets the pipeline can load, by the ids of <see cref="Catalog.Datasets"/>.</summary>
public static class DatasetRegistry
{
    public static IReadOnlyList<IDatasetSource> Sources { get; } =
    [
        new UciDigits(),
        new Mnist(),
        new FashionMnist(),
        new Cifar10(),
    ];

    /// <exception cref="ArgumentException">No source has this id; the message lists the valid ids.</exception>
    public static DatasetSplits Load(string id, DataLocation location)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(location);
        var source = Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal))
            ?? throw new ArgumentException(
                $"Unknown dataset id '{id}'. Valid ids: {string.Join(", ", Sources.Select(s => s.Id))}.", nameof(id));
        return source.Load(location);
    }
}
