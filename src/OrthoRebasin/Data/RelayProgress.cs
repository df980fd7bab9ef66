namespace OrthoRebasin.Data;

/// <summary>Passes one file's byte progress on as data set progress, synchronously so reports stay in order.</summary>
internal sealed class RelayProgress(string fileName, IProgress<DatasetDownloadProgress> target) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value) => target.Report(new DatasetDownloadProgress(fileName, value.Received, value.Total));
}
