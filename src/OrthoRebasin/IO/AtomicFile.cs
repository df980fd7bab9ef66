namespace OrthoRebasin.IO;

/// <summary>
/// Writes a file under a temporary name in the same folder and renames it into place, so a crash or a kill never
/// leaves a half-written file under its final name.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> is the temporary file of a write that never finished (a kill mid-write).</summary>
    public static bool IsTemporary(string path)
    {
        var name = Path.GetFileName(path);
        var parts = name.Split('.');
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal) && parts.Length >= 4
            && parts[^2].Length == 32 && parts[^2].All(char.IsAsciiHexDigitLower);
    }

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });
}
