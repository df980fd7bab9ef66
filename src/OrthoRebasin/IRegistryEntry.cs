namespace OrthoRebasin;

/// <summary>An entry of a <see cref="Registry{TEntry}"/>: its manifest id and a one-line description for `list` and reports.</summary>
public interface IRegistryEntry
{
    string Id { get; }

    string Description { get; }
}
