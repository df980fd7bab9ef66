using System.Security.Cryptography;

namespace OrthoRebasin.Data;

/// <summary>The expected digests (lower-case hex) of some bytes; a <c>null</c> digest is not checked.</summary>
public sealed record FileChecksum(string? Md5, string? Sha256)
{
    public static FileChecksum OfSha256(string sha256) => new(null, sha256);

    /// <exception cref="DatasetException">A digest differs; the message names the file, both digests, and says to re-download it.</exception>
    public void Verify(byte[] bytes, string path, string what, string howToGet)
    {
        Check("SHA-256", Sha256, () => SHA256.HashData(bytes), path, what, howToGet);
        Check("MD5", Md5, () => MD5.HashData(bytes), path, what, howToGet);
    }

    /// <summary>As <see cref="Verify(byte[], string, string, string)"/>, for digests computed while streaming the bytes.</summary>
    public void Verify(byte[] md5, byte[] sha256, string path, string what, string howToGet)
    {
        Check("SHA-256", Sha256, () => sha256, path, what, howToGet);
        Check("MD5", Md5, () => md5, path, what, howToGet);
    }

    private static void Check(string algorithm, string? expected, Func<byte[]> hash, string path, string what, string howToGet)
    {
        if (expected is null)
        {
            return;
        }

        var actual = Convert.ToHexStringLower(hash());
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new DatasetException(
                $"{path}: the {algorithm} of its {what} is {actual}, expected {expected}. The file is damaged or is not the canonical one: re-download it from {howToGet}.");
        }
    }
}
