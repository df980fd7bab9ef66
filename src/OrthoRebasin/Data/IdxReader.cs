using System.Buffers.Binary;
using System.IO.Compression;

namespace OrthoRebasin.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format): images (magic 2051: count, rows, columns) and labels
/// (magic 2049: count), raw or gzip-compressed. Every malformed file is an <see cref="InvalidDataException"/>
/// naming the file, what was expected and what was found.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x0803;
    public const int LabelsMagic = 0x0801;

    // Caps the buffer pre-sized from the gzip trailer, which a damaged file may set to anything.
    private const int MaxPresize = 256 << 20;

    public static IdxImages ReadImages(string path) => ParseImages(ReadPayload(path), path);

    public static byte[] ReadLabels(string path) => ParseLabels(ReadPayload(path), path);

    /// <summary>The file's IDX bytes: decompressed when it starts with the gzip magic 1f 8b (whatever its name), else as stored.</summary>
    public static byte[] ReadPayload(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            return bytes;
        }

        var presize = bytes.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) : 0;
        using var output = new MemoryStream(presize is > 0 and <= MaxPresize ? presize : 0);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            gzip.CopyTo(output);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: starts with the gzip magic 1f 8b but is not a valid gzip stream ({ex.Message}).", ex);
        }

        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    /// <summary>Parses an IDX image payload; <paramref name="name"/> names the file in errors.</summary>
    public static IdxImages ParseImages(byte[] payload, string name)
    {
        var dims = ParseHeader(payload, name, ImagesMagic, 3);
        return new IdxImages(dims[0], dims[1], dims[2], payload[HeaderLength(3)..]);
    }

    /// <summary>Parses an IDX label payload; <paramref name="name"/> names the file in errors.</summary>
    public static byte[] ParseLabels(byte[] payload, string name)
    {
        ParseHeader(payload, name, LabelsMagic, 1);
        return payload[HeaderLength(1)..];
    }

    private static int HeaderLength(int dimensions) => 4 + (4 * dimensions);

    private static int[] ParseHeader(byte[] payload, string name, int magic, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(name);
        var expected = $"magic {magic} (unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")})";
        if (payload.Length < 4)
        {
            throw new InvalidDataException($"{name}: truncated: {payload.Length} bytes, too short for the 4-byte IDX magic number; expected {expected}.");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (payload[0] != 0 || payload[1] != 0 || payload[2] != 0x08)
        {
            throw new InvalidDataException($"{name}: magic number {found} (0x{found:x8}); expected {expected}. Not an IDX file of unsigned bytes.");
        }

        if (payload[3] != dimensions)
        {
            throw new InvalidDataException($"{name}: an IDX file with {payload[3]} dimensions (magic {found}); expected {expected}.");
        }

        var headerLength = HeaderLength(dimensions);
        if (payload.Length < headerLength)
        {
            throw new InvalidDataException($"{name}: truncated: {payload.Length} bytes, shorter than the {headerLength}-byte header of {expected}.");
        }

        var dims = new int[dimensions];
        long dataLength = 1;
        for (var d = 0; d < dimensions; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4 + (4 * d)));
            if (dims[d] < 0)
            {
                throw new InvalidDataException($"{name}: dimension {d} is {(uint)dims[d]}, beyond what a file can hold.");
            }

            dataLength *= dims[d];
        }

        var shape = string.Join("x", dims);
        var actual = payload.Length - (long)headerLength;
        if (actual < dataLength)
        {
            throw new InvalidDataException($"{name}: truncated: the header says {shape} = {dataLength} data bytes, found {actual}.");
        }

        if (actual > dataLength)
        {
            throw new InvalidDataException($"{name}: {actual - dataLength} trailing bytes: the header says {shape} = {dataLength} data bytes, found {actual}.");
        }

        return dims;
    }
}
