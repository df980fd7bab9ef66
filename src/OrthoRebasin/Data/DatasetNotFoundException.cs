namespace OrthoRebasin.Data;

/// <summary>No folder searched holds every file of a data set; the message lists each folder, what it lacks, and where to get the files.</summary>
public sealed class DatasetNotFoundException(string datasetId, string message) : DatasetException(message)
{
    /// <summary>The data set's id, also the name of its sub-folder of the data folder.</summary>
    public string DatasetId { get; } = datasetId;
}
