namespace OrthoRebasin.Manifest;

/// <summary>A YAML node with the file and 1-based position where it was written; merged trees mix files.</summary>
internal abstract record ManifestNode(string File, int Line, int Column)
{
    /// <summary>How the node reads in an error message ("'ten'", "a mapping").</summary>
    public abstract string Describe();
}
