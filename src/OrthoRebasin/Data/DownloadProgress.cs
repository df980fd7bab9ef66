namespace OrthoRebasin.Data;

/// <summary>Bytes of one download received so far (counting a resumed part), and its full size when the server says it.</summary>
public sealed record DownloadProgress(long Received, long? Total);
