namespace OrthoRebasin.Pipeline;

/// <summary>
/// Stage outputs on disk, one folder per unit of work, named by a hash of its inputs and configuration. A folder is
/// produced under a temporary name and renamed into place when complete, so an existing folder is always whole:
/// a rerun after success reuses it, a rerun after a crash redoes only the unfinished units, and a changed option
/// gets a new key and recomputes what depends on it.
/// </summary>
public sealed class ArtifactStore(string root)
{
    private const string TemporaryMarker = ".partial-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The final folder of a unit: <c>root/stage/label-key12</c>.</summary>
    public string PathOf(string stage, string label, string key) => Path.Combine(Root, stage, $"{label}-{key[..12]}");

    /// <summary>Returns the unit's folder, producing it with <paramref name="produce"/> (given a scratch folder) unless it exists.</summary>
    public (string Folder, bool Cached) GetOrCreate(string stage, string label, string key, Action<string> produce)
    {
        var final = PathOf(stage, label, key);
        if (Directory.Exists(final))
        {
            return (final, true);
        }

        var temporary = final + TemporaryMarker + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temporary);
        try
        {
            produce(temporary);
            Directory.Move(temporary, final);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
        return (final, false);
    }

    /// <summary>Deletes folders left behind by runs that were killed before they could rename or clean up.</summary>
    public int RemoveAbandonedPartials()
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var abandoned = Directory.EnumerateDirectories(Root, "*" + TemporaryMarker + "*", SearchOption.AllDirectories).ToList();
        foreach (var folder in abandoned)
        {
            Directory.Delete(folder, recursive: true);
        }

        return abandoned.Count;
    }
}
