namespace OrthoRebasin.Data;

/// <summary>The data sets a recipe may name: one registration line each (docs/METHODS.md §8).</summary>
public static class DatasetRegistry
{
    public static Registry<IDatasetSource> Registry { get; } = new("data set",
    [
        new UciDigits(),
        IdxImageDataset.Mnist,
        IdxImageDataset.FashionMnist,
        new Cifar10(),
    ]);

    /// <summary>The official downloads of every registered data set that has any, by id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<DatasetDownload>> Downloads =>
        Registry.Entries.Where(e => e.Downloads.Count > 0).ToDictionary(e => e.Id, e => e.Downloads, StringComparer.Ordinal);

    /// <summary>Loads the registered data set <paramref name="id"/> from <paramref name="location"/>.</summary>
    public static DatasetSplits Load(string id, DataLocation location)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(location);
        return Registry.Get(id).Load(location);
    }
}
