namespace OrthoRebasin.Manifest;

/// <summary>A scalar; <see cref="IsPlain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record ManifestScalar(string File, int Line, int Column, string Value, bool IsPlain)
    : ManifestNode(File, Line, Column)
{
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : IsPlain ? $"'{Value}'" : $"the quoted string '{Value}'";
}
