namespace OrthoRebasin.Manifest;

/// <summary>A mapping whose keys are scalars, in the order written; keys are unique (the reader rejects duplicates).</summary>
internal sealed record ManifestMapping(
    string File, int Line, int Column, IReadOnlyList<KeyValuePair<ManifestScalar, ManifestNode>> Entries)
    : ManifestNode(File, Line, Column)
{
    public override string Describe() => "a mapping";

    public ManifestNode? Find(string key) =>
        Entries.FirstOrDefault(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal)).Value;

    public ManifestScalar? FindKey(string key) =>
        Entries.FirstOrDefault(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal)).Key;
}
