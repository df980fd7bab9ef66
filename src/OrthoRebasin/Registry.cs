using System.Collections.Immutable;

namespace OrthoRebasin;

/// <summary>
/// The entries of one kind of extension (methods, paths, models, data sets, metrics), by manifest id, in registration
/// order: the one place an extension is registered and every lookup goes through. Registration is thread-safe and
/// appends, so the order (and what depends on it, such as a method's colour) of earlier entries never changes.
/// </summary>
public sealed class Registry<TEntry> : IRegistry
    where TEntry : IRegistryEntry
{
    private ImmutableList<TEntry> _entries;

    public Registry(string kind, IEnumerable<TEntry> entries)
    {
        Kind = kind;
        _entries = [];
        foreach (var entry in entries)
            Register(entry);
    }

    /// <summary>What one entry is called in messages, e.g. "method".</summary>
    public string Kind { get; }

    public IReadOnlyList<TEntry> Entries => _entries;

    public IReadOnlyList<string> Ids => [.. _entries.Select(e => e.Id)];

    /// <summary>Adds <paramref name="entry"/>; a second entry with the same id is a programming error.</summary>
    public void Register(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ImmutableInterlocked.Update(ref _entries, list =>
            list.Any(e => string.Equals(e.Id, entry.Id, StringComparison.Ordinal))
                ? throw new ArgumentException($"A {Kind} '{entry.Id}' is registered already.", nameof(entry))
                : list.Add(entry));
    }

    public TEntry? Find(string id) => _entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    /// <summary>The entry <paramref name="id"/>; an unknown id is a user error that lists the registered ones.</summary>
    public TEntry Get(string id) =>
        Find(id) ?? throw new UserErrorException($"unknown {Kind} '{id}'; registered {Kind}s: {string.Join(", ", Ids)}.");

    /// <summary>The position of <paramref name="id"/> in registration order, or -1.</summary>
    public int IndexOf(string id) => _entries.FindIndex(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
