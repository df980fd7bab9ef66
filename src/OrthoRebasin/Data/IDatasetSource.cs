namespace OrthoRebasin.Data;

/// <summary>One data set, named by its manifest id (<see cref="Catalog.Datasets"/>).</summary>
public interface IDatasetSource
{
    string Id { get; }

    DatasetSplits Load(DataLocation location);
}
