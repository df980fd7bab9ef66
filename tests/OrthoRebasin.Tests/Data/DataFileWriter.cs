using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace OrthoRebasin.Tests.Data;

/// <summary>Writes small data files in the real on-disk formats, so loader tests need neither the network nor shared data.</summary>
internal static class DataFileWriter
{
    /// <summary>IDX bytes: the 4-byte magic (00 00 08 dims), each dimension big-endian, then the data.</summary>
    public static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dims[d]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>CIFAR-10 binary records: per record its label byte, then 3072 pixel bytes all equal to <c>pixel(record)</c>.</summary>
    public static byte[] CifarRecords(byte[] labels, Func<int, int, byte> pixel)
    {
        var bytes = new byte[labels.Length * 3073];
        for (var r = 0; r < labels.Length; r++)
        {
            bytes[r * 3073] = labels[r];
            for (var p = 0; p < 3072; p++)
            {
                bytes[(r * 3073) + 1 + p] = pixel(r, p);
            }
        }

        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
}
