namespace OrthoRebasin.Data;

/// <summary>
/// One file to fetch for a data set: saved as <paramref name="FileName"/> in the set's folder and checked against
/// <paramref name="Checksum"/> (over the bytes <paramref name="Scope"/> says); when <paramref name="Extract"/> is set it is
/// an archive whose listed files are what the loader needs, and it is deleted once they are extracted and verified.
/// </summary>
public sealed record DatasetDownload(Uri Url, string FileName, FileChecksum Checksum, ChecksumScope Scope, TarExtraction? Extract = null);
