using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format): images (magic 2051: count, rows, columns) and labels
/// (magic 2049: count), raw or gzip-compressed. Every malformed file is a <see cref="DatasetException"/>
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
            throw NotGzip(path, ex);
        }

        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    /// <summary>
    /// Streams an IDX image file (raw or gzip, detected by content) into a new count×(rows·columns) uint8 tensor, never holding
    /// the decompressed file beside it; the SHA-256 of the payload, computed on the way, is checked against
    /// <paramref name="checksum"/> before a malformed payload is reported, so a damaged download says to re-download.
    /// </summary>
    internal static (Tensor Pixels, int Rows, int Columns) ReadImagesTensor(string path, Action<byte[]> checksum)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(checksum);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using var payload = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[HeaderLength(3)];
        var headerRead = Read(payload, header, sha256, path, gzip);
        int[]? dims = null;
        DatasetException? malformed = null;
        try
        {
            var parsed = ParseHeaderFields(header, headerRead, path, ImagesMagic, 3);
            if (DataLength(parsed) > Array.MaxLength)
            {
                // A damaged header must not make us allocate what no image file of this format holds.
                throw new DatasetException($"{path}: the header says {string.Join("x", parsed)} = {DataLength(parsed)} data bytes, more than one file of images can hold; the file is damaged.");
            }

            dims = parsed;
        }
        catch (DatasetException ex)
        {
            malformed = ex;
        }

        Tensor? pixels = null;
        try
        {
            long dataRead = 0;
            if (dims is not null)
            {
                pixels = torch.empty([dims[0], (long)dims[1] * dims[2]], ScalarType.Byte);
                dataRead = Read(payload, pixels.bytes, sha256, path, gzip);
            }

            // The rest of the stream (trailing bytes of a malformed file) is hashed too: the digest covers the whole payload.
            var trailing = Drain(payload, sha256, path, gzip);
            checksum(sha256.GetHashAndReset());
            if (malformed is not null)
            {
                ExceptionDispatchInfo.Throw(malformed);
            }

            CheckDataLength(dims!, dataRead + trailing, path);
            return (pixels!, dims![1], dims[2]);
        }
        catch
        {
            pixels?.Dispose();
            throw;
        }
    }

    private static int Read(Stream payload, Span<byte> buffer, IncrementalHash hash, string path, bool gzip)
    {
        try
        {
            var read = payload.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            hash.AppendData(buffer[..read]);
            return read;
        }
        catch (InvalidDataException ex) when (gzip)
        {
            throw NotGzip(path, ex);
        }
    }

    private static long Drain(Stream payload, IncrementalHash hash, string path, bool gzip)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = Read(payload, buffer, hash, path, gzip)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static DatasetException NotGzip(string path, InvalidDataException ex) =>
        new($"{path}: starts with the gzip magic 1f 8b but is not a valid gzip stream ({ex.Message}).", ex);

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
        var dims = ParseHeaderFields(payload, payload.Length, name, magic, dimensions);
        CheckDataLength(dims, payload.Length - (long)HeaderLength(dimensions), name);
        return dims;
    }

    /// <summary>The dimensions in the header at the start of <paramref name="header"/>, a payload <paramref name="payloadLength"/> bytes long.</summary>
    private static int[] ParseHeaderFields(ReadOnlySpan<byte> header, long payloadLength, string name, int magic, int dimensions)
    {
        var expected = Expected(magic, dimensions);
        if (payloadLength < 4)
        {
            throw new DatasetException($"{name}: truncated: {payloadLength} bytes, too short for the 4-byte IDX magic number; expected {expected}.");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08)
        {
            throw new DatasetException($"{name}: magic number {found} (0x{found:x8}); expected {expected}. Not an IDX file of unsigned bytes.");
        }

        if (header[3] != dimensions)
        {
            throw new DatasetException($"{name}: an IDX file with {header[3]} dimensions (magic {found}); expected {expected}.");
        }

        var headerLength = HeaderLength(dimensions);
        if (payloadLength < headerLength)
        {
            throw new DatasetException($"{name}: truncated: {payloadLength} bytes, shorter than the {headerLength}-byte header of {expected}.");
        }

        var dims = new int[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + (4 * d))..]);
            if (dims[d] < 0)
            {
                throw new DatasetException($"{name}: dimension {d} is {(uint)dims[d]}, beyond what a file can hold.");
            }
        }

        return dims;
    }

    private static void CheckDataLength(int[] dims, long actual, string name)
    {
        var dataLength = DataLength(dims);
        var shape = string.Join("x", dims);
        if (actual < dataLength)
        {
            throw new DatasetException($"{name}: truncated: the header says {shape} = {dataLength} data bytes, found {actual}.");
        }

        if (actual > dataLength)
        {
            throw new DatasetException($"{name}: {actual - dataLength} trailing bytes: the header says {shape} = {dataLength} data bytes, found {actual}.");
        }
    }

    // Saturates instead of overflowing: three dimensions of up to 2^31 − 1 do not fit a long.
    private static long DataLength(int[] dims) =>
        dims.Aggregate(1L, (product, d) => d != 0 && product > long.MaxValue / d ? long.MaxValue : product * d);

    private static string Expected(int magic, int dimensions) =>
        $"magic {magic} (unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")})";
}
