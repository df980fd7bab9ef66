using OrthoRebasin.IO;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// Stage outputs on disk, one folder per unit of work, named by a hash of its inputs and configuration. A folder is
/// produced under a temporary name, its files recorded with their digests (<see cref="UnitManifest"/>), and renamed into
/// place when complete. A unit is reused only when its files verify: a damaged or edited unit is reported through
/// <paramref name="report"/> and computed again, never trusted. A rerun after success reuses every unit, a rerun after a
/// crash redoes only the unfinished ones, and a changed option gets a new key and recomputes what depends on it.
/// A <paramref name="readOnly"/> store (a folder that cannot be written) only reads: a unit that is missing or fails
/// verification is a <see cref="UserErrorException"/> naming it (<see cref="ReadOnlyRefusal"/>), never computed.
/// </summary>
public sealed class ArtifactStore(string root, Action<string>? report = null, bool readOnly = false)
{
    private const string TemporaryMarker = ".partial-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The final folder of a unit: <c>root/stage/label-key12</c>.</summary>
    public string PathOf(string stage, string label, string key) => Path.Combine(Root, stage, $"{label}-{key[..12]}");

    /// <summary>
    /// Returns the unit's folder, producing it with <paramref name="produce"/> (given a scratch folder) unless it exists
    /// and verifies.
    /// </summary>
    public (string Folder, bool Cached) GetOrCreate(string stage, string label, string key, Action<string> produce)
    {
        var final = PathOf(stage, label, key);
        if (Directory.Exists(final))
        {
            if (UnitManifest.Problem(final) is not { } problem)
            {
                return (final, true);
            }

            if (ReadOnly)
            {
                throw ReadOnlyRefusal(Root, $"the unit {Path.GetRelativePath(Root, final)} failed verification ({problem})");
            }

            report?.Invoke($"{final} failed verification: {problem}. Computing it again");
            Discard(final);
        }

        if (ReadOnly)
        {
            throw ReadOnlyRefusal(Root, $"the unit {Path.GetRelativePath(Root, final)} is missing");
        }

        var temporary = final + TemporaryMarker + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temporary);
        try
        {
            produce(temporary);
            Json.Write(Path.Combine(temporary, UnitManifest.FileName), UnitManifest.Record(temporary));
            Directory.Move(temporary, final);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }

        return (final, false);
    }

    public bool ReadOnly { get; } = readOnly;

    /// <summary>
    /// The one-line error of a run on a folder it cannot write that would have to write <paramref name="what"/> (e.g. "the
    /// unit train/seed-1-… is missing"): names the folder, what is missing or stale, and the fix.
    /// </summary>
    public static UserErrorException ReadOnlyRefusal(string folder, string what) =>
        new($"{folder} cannot be written, and {what}: the run would have to write it. Make {folder} writable, or run with --artifacts pointing at a writable copy.");

    /// <summary>
    /// Deletes what runs killed before they could rename or clean up left behind: unit folders under their temporary
    /// names, and files of interrupted atomic writes (<see cref="AtomicFile"/>). Only the holder of the folder's
    /// <see cref="RunLock"/> may call it: then nothing temporary belongs to a live run.
    /// </summary>
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

        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(AtomicFile.IsTemporary).ToList();
        foreach (var file in files)
        {
            File.Delete(file);
        }

        return abandoned.Count + files.Count;
    }

    /// <summary>Moves a unit that failed verification out of its final name first, so a kill mid-deletion leaves only a partial.</summary>
    private static void Discard(string folder)
    {
        var doomed = folder + TemporaryMarker + "discarded-" + Guid.NewGuid().ToString("N")[..8];
        Directory.Move(folder, doomed);
        Directory.Delete(doomed, recursive: true);
    }
}
