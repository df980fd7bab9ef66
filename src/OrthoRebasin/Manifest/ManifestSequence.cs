namespace OrthoRebasin.Manifest;

internal sealed record ManifestSequence(string File, int Line, int Column, IReadOnlyList<ManifestNode> Items)
    : ManifestNode(File, Line, Column)
{
    public override string Describe() => "a sequence";
}
