namespace OrthoRebasin.Data;

/// <summary>One data set, named by its manifest id (<see cref="Catalog.Datasets"/>).</summary>
public interface IDatasetSource
{
    string Id { get; }

    /// <summary>How every sample lies as an image, known before loading (the manifest checks augmentation against it).</summary>
    ImageShape Shape { get; }

    DatasetSplits Load(DataLocation location);
}
