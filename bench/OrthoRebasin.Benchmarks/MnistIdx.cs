using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Reads the MNIST training set from its gzipped IDX files. The library has no MNIST source (users download it),
/// so the epoch benchmark carries this small reader for the optional real-data run.
/// </summary>
public static class MnistIdx
{
    /// <summary>Features (60000 × 784, float32 in [0, 1]) and labels (int64) of the training split.</summary>
    public static (Tensor Features, Tensor Labels) LoadTraining(string directory)
    {
        var images = ReadIdx(Path.Combine(directory, "train-images-idx3-ubyte.gz"), 0x00000803, out var imageDims);
        var labels = ReadIdx(Path.Combine(directory, "train-labels-idx1-ubyte.gz"), 0x00000801, out _);
        var n = imageDims[0];
        var width = imageDims[1] * imageDims[2];
        using var raw = tensor(images, [n, width], ScalarType.Byte);
        using var labelBytes = tensor(labels, [n], ScalarType.Byte);
        return (raw.to(ScalarType.Float32).div_(255.0f), labelBytes.to(ScalarType.Int64));
    }

    private static byte[] ReadIdx(string path, int expectedMagic, out int[] dims)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException($"{path}: IDX magic 0x{magic:x8}, expected 0x{expectedMagic:x8}.");
        }

        var rank = magic & 0xFF;
        dims = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + (4 * d))..]);
        }

        return bytes[(4 + (4 * rank))..].ToArray();
    }
}
