namespace OrthoRebasin.Data;

/// <summary>The files to take from a downloaded .tar.gz: those directly under <paramref name="Folder"/>, each checked after extraction.</summary>
public sealed record TarExtraction(string Folder, IReadOnlyDictionary<string, FileChecksum> Files);
