using System.Security.Cryptography;
using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Plotting;

/// <summary>
/// Drawn outputs (the figures, a report) kept while they are up to date. A key file beside them records what they were
/// drawn from (a hash of their inputs and of this build of the plotting code), the files drawn in drawing order, and the
/// files' digests (<see cref="UnitManifest"/>). A rerun whose inputs hash to the recorded key, with every recorded file
/// still verifying, need not draw again, and so need not write.
/// </summary>
public static class DrawnFiles
{
    /// <summary>The key of drawing from <paramref name="inputs"/> (any JSON-serializable value) with this build of the plotting code.</summary>
    public static string Key(object inputs) =>
        Json.Hash(new { Code = typeof(DrawnFiles).Assembly.ManifestModule.ModuleVersionId, Inputs = inputs });

    /// <summary>SHA-256 (hex) of the bytes of <paramref name="path"/>: how a key names a file it was drawn from.</summary>
    public static string ContentHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The files <paramref name="keyFile"/> records (full paths, in drawing order) when it records <paramref name="key"/>
    /// and every file still verifies; null when they must be drawn again (no key file, another key, a file missing or changed).
    /// </summary>
    public static IReadOnlyList<string>? Current(string keyFile, string key)
    {
        var folder = FolderOf(keyFile);
        if (Json.ReadOrNull<Drawn>(keyFile) is not { } recorded || recorded.Key != key || recorded.Digests.Mismatch(folder) is not null)
        {
            return null;
        }

        return [.. recorded.Files.Select(name => Path.GetFullPath(Path.Combine(folder, name)))];
    }

    /// <summary>Records, atomically, that <paramref name="files"/> (under the key file's folder) were drawn for <paramref name="key"/>.</summary>
    public static void Record(string keyFile, string key, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folder = FolderOf(keyFile);
        var names = files.Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')).ToList();
        Json.Write(keyFile, new Drawn(key, names, UnitManifest.Record(folder, names)));
    }

    private static string FolderOf(string keyFile) => Path.GetDirectoryName(Path.GetFullPath(keyFile))!;

    /// <summary>A key file: the inputs' key, the files in drawing order, and their digests.</summary>
    private sealed record Drawn(string Key, IReadOnlyList<string> Files, UnitManifest Digests);
}
