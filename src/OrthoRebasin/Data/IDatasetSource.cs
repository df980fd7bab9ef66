namespace OrthoRebasin.Data;

/// <summary>
/// One data set, registered in <see cref="DatasetRegistry"/> under its manifest id: what it is, how its samples lie as
/// images, how many classes it has, where to download it (nothing when it is embedded) and how to load it.
/// </summary>
public interface IDatasetSource : IRegistryEntry
{
    /// <summary>How every sample lies as an image, known before loading (the manifest checks augmentation against it).</summary>
    ImageShape Shape { get; }

    /// <summary>The number of classes, known before loading (the manifest sizes the model with it).</summary>
    int Classes { get; }

    /// <summary>The files to fetch from the official sources; empty for an embedded data set.</summary>
    IReadOnlyList<DatasetDownload> Downloads { get; }

    DatasetSplits Load(DataLocation location);
}
