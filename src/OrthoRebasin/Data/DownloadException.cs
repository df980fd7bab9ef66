namespace OrthoRebasin.Data;

/// <summary>A download the server refused or that broke off; its message names the URL and says whether a rerun resumes.</summary>
public sealed class DownloadException(string message, Exception? inner = null) : UserErrorException(message, inner);
