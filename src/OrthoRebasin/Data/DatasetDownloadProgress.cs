namespace OrthoRebasin.Data;

/// <summary>
/// Progress of one file of a data set download; <paramref name="Finished"/> is set once, when the file is in place, to what
/// happened to it ("downloaded", "extracted", "already present").
/// </summary>
public sealed record DatasetDownloadProgress(string FileName, long Received, long? Total, string? Finished = null);
