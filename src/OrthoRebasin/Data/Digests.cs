using System.IO.Compression;
using System.Security.Cryptography;

namespace OrthoRebasin.Data;

/// <summary>Streaming MD5 and SHA-256 of a file, so archives of hundreds of megabytes are checked without loading them whole.</summary>
internal static class Digests
{
    /// <summary>
    /// A description of every digest of <paramref name="path"/> (or of its gunzipped payload) that differs from
    /// <paramref name="expected"/>, such as "SHA-256 abc… (expected def…)"; <c>null</c> when all match.
    /// </summary>
    public static string? Mismatch(string path, FileChecksum expected, ChecksumScope scope)
    {
        string md5;
        string sha256;
        try
        {
            (md5, sha256) = Compute(path, scope);
        }
        catch (InvalidDataException ex)
        {
            return $"its gzip stream is damaged ({ex.Message})";
        }

        var differences = new List<string>();
        if (expected.Sha256 is not null && !string.Equals(sha256, expected.Sha256, StringComparison.Ordinal))
        {
            differences.Add($"SHA-256 {sha256} (expected {expected.Sha256})");
        }

        if (expected.Md5 is not null && !string.Equals(md5, expected.Md5, StringComparison.Ordinal))
        {
            differences.Add($"MD5 {md5} (expected {expected.Md5})");
        }

        return differences.Count == 0 ? null : string.Join(", ", differences);
    }

    public static (string Md5, string Sha256) Compute(string path, ChecksumScope scope)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var payload = scope == ChecksumScope.GzipPayload ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = payload.Read(buffer)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            sha256.AppendData(buffer, 0, read);
        }

        return (Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }
}
