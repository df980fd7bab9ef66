namespace OrthoRebasin;

/// <summary>A registry seen without its entry type: what validation and listings need.</summary>
public interface IRegistry
{
    string Kind { get; }

    IReadOnlyList<string> Ids { get; }
}
