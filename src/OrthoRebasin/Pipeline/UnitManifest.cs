using System.Security.Cryptography;
using OrthoRebasin.IO;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// What a committed unit of work holds: every file with its size, last write time and SHA-256, written as
/// <see cref="FileName"/> inside the unit's folder just before the folder gets its final name. A unit is reused only when
/// its files verify against it: a file whose size and write time are unchanged is trusted without reading it (a rerun
/// stays cheap); any other file is hashed again and must match.
/// </summary>
public sealed record UnitManifest(IReadOnlyList<UnitFile> Files)
{
    public const string FileName = "unit.json";

    /// <summary>Records every file of <paramref name="folder"/> (sub-folders included), hashing each one.</summary>
    public static UnitManifest Record(string folder) => Record(folder, FilesOf(folder));

    /// <summary>Records the files <paramref name="names"/> (relative to <paramref name="folder"/>), hashing each one.</summary>
    public static UnitManifest Record(string folder, IEnumerable<string> names) =>
        new([.. names.Order(StringComparer.Ordinal).Select(name => Describe(folder, name, hash: true))]);

    /// <summary>Why <paramref name="folder"/> does not hold what its manifest records, or null when every file verifies.</summary>
    public static string? Problem(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return $"it has no {FileName} (it was written before units were verified, or by hand)";
        }

        UnitManifest manifest;
        try
        {
            manifest = Json.Read<UnitManifest>(path);
        }
        catch (UserErrorException)
        {
            return $"its {FileName} is unreadable";
        }

        var recorded = manifest.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var extra = FilesOf(folder).FirstOrDefault(name => !recorded.Contains(name));
        return manifest.Mismatch(folder) ?? (extra is null ? null : $"{extra} was added after the unit was written");
    }

    /// <summary>Why the recorded files of <paramref name="folder"/> no longer are what was recorded, or null.</summary>
    public string? Mismatch(string folder)
    {
        foreach (var expected in Files)
        {
            var file = Path.Combine(folder, expected.Name);
            if (!File.Exists(file))
            {
                return $"{expected.Name} is missing";
            }

            var actual = Describe(folder, expected.Name, hash: false);
            if (actual.Size != expected.Size)
            {
                return $"{expected.Name} has {actual.Size} bytes, {expected.Size} were recorded";
            }

            if (actual.WriteTicks != expected.WriteTicks && Sha256(file) != expected.Sha256)
            {
                return $"{expected.Name} does not match its recorded SHA-256";
            }
        }

        return null;
    }

    private static IEnumerable<string> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name != FileName);

    private static UnitFile Describe(string folder, string name, bool hash)
    {
        var info = new FileInfo(Path.Combine(folder, name));
        return new UnitFile(name, info.Length, info.LastWriteTimeUtc.Ticks, hash ? Sha256(info.FullName) : "");
    }

    /// <summary>A file's SHA-256, lower-case hex: the digest a unit records, and the key of an imported checkpoint.</summary>
    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
