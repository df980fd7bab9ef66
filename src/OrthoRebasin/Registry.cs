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
    private readonly AsyncLocal<ImmutableList<TEntry>?> _scoped = new();
    private ImmutableList<TEntry> _entries;

    public Registry(string kind, IEnumerable<TEntry> entries)
    {
        Kind = kind;
        _entries = [];
        foreach (var entry in entries)
        {
            Register(entry);
        }
    }

    /// <summary>What one entry is called in messages, e.g. "method".</summary>
    public string Kind { get; }

    public IReadOnlyList<TEntry> Entries => _scoped.Value is { } scoped ? _entries.AddRange(scoped) : _entries;

    public IReadOnlyList<string> Ids => [.. Entries.Select(e => e.Id)];

    /// <summary>Adds <paramref name="entry"/>; an id that is not a <see cref="Names">name</see>, or a second entry with the same id, is a programming error.</summary>
    public void Register(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckName(entry, nameof(entry));
        ImmutableInterlocked.Update(ref _entries, list =>
            Find(list, entry.Id) is not null || Find(_scoped.Value ?? [], entry.Id) is not null
                ? throw new ArgumentException($"A {Kind} '{entry.Id}' is registered already.", nameof(entry))
                : list.Add(entry));
    }

    /// <summary>
    /// Adds <paramref name="entries"/> for the current flow of execution until the returned scope is disposed; the same
    /// ids as <see cref="Register"/> are refused.
    /// </summary>
    public IDisposable Scope(params TEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = _scoped.Value;
        var scoped = previous ?? [];
        foreach (var entry in entries)
        {
            CheckName(entry, nameof(entries));
            if (Find(Entries, entry.Id) is not null || Find(scoped, entry.Id) is not null)
            {
                throw new ArgumentException($"A {Kind} '{entry.Id}' is registered already.", nameof(entries));
            }

            scoped = scoped.Add(entry);
        }

        _scoped.Value = scoped;
        return new Restore(() => _scoped.Value = previous);
    }

    public TEntry? Find(string id) => Find(Entries, id);

    /// <summary>The entry <paramref name="id"/>; an unknown id is a user error that lists the registered ones.</summary>
    public TEntry Get(string id) =>
        Find(id) ?? throw new UserErrorException($"unknown {Kind} '{id}'; registered {Kind}s: {string.Join(", ", Ids)}.");

    /// <summary>The position of <paramref name="id"/> in registration order, or -1.</summary>
    public int IndexOf(string id)
    {
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // Ids become folder and file names and manifest values: a registry holds only names, so no manifest can name another.
    private void CheckName(TEntry entry, string parameter)
    {
        if (Names.Problem(entry.Id) is { } problem)
        {
            throw new ArgumentException($"A {Kind} id must be a name ({Names.Rule}), got '{Names.Escape(entry.Id)}': {problem}.", parameter);
        }
    }

    private static TEntry? Find(IReadOnlyList<TEntry> entries, string id) => entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
