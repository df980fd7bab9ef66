namespace OrthoRebasin.Data;

/// <summary>A file a data set needs, under any of its accepted names (the first present one is used).</summary>
internal sealed record RequiredFile(IReadOnlyList<string> Names)
{
    public string Describe() => Names.Count == 1 ? Names[0] : $"{Names[0]} (or {string.Join(" or ", Names.Skip(1))})";
}
