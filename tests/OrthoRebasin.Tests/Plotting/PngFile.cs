using System.Buffers.Binary;

namespace OrthoRebasin.Tests.Plotting;

/// <summary>Reads what a test needs from a PNG without decoding it: the signature and the IHDR size.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] bytes) => bytes.Length >= 24 && bytes.AsSpan(0, 8).SequenceEqual(Signature);

    /// <summary>IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.</summary>
    public static (int Width, int Height) Size(byte[] bytes) =>
        (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
}
