using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Data;

/// <summary>
/// CIFAR-10 (32×32 colour, 10 classes), binary version, from <c>&lt;data&gt;/cifar10/</c> (see <see cref="DataLocation"/>):
/// training is <c>data_batch_1..5.bin</c> (50,000 images), test is <c>test_batch.bin</c> (10,000). Each record is a label
/// byte then 3,072 pixel bytes (the R, G and B planes, each row-major); pixels keep that channel-major order (features /255).
/// <para>
/// Fallback: without <c>test_batch.bin</c>, the test split is <c>test_batch_first1000.bin</c>, its first 1,000 records;
/// the loaded description then says the test split is partial.
/// </para>
/// </summary>
public sealed class Cifar10 : IDatasetSource
{
    public const string DatasetId = "cifar10";
    public const int Pixels = 3 * 32 * 32;
    public const int RecordSize = 1 + Pixels;
    public const int ClassCount = 10;
    public const string TestFile = "test_batch.bin";
    public const string PartialTestFile = "test_batch_first1000.bin";
    public const string HowToGet = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (unpack; the files are in cifar-10-batches-bin/)";
    public const string Archive = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public const string ArchiveMd5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public const string ArchiveFolder = "cifar-10-batches-bin";

    // Records read from a file at a time: 3 MB.
    private const int ChunkRecords = 1000;

    public static ImageShape Shape { get; } = new(3, 32, 32);

    public string Description =>
        "CIFAR-10, 32x32 colour, 10 classes, 50,000 train / 10,000 test (binary batches in <data>/cifar10/; without test_batch.bin, test_batch_first1000.bin gives a partial 1,000-image test split)";

    public int Classes => ClassCount;

    /// <summary>The official archive, checked as stored; the batches are extracted from it and checked one by one.</summary>
    public IReadOnlyList<DatasetDownload> Downloads =>
    [
        new DatasetDownload(
            new Uri(Archive), "cifar-10-binary.tar.gz", new FileChecksum(ArchiveMd5, null), ChecksumScope.AsStored,
            new TarExtraction(ArchiveFolder, TrainFiles.Append(TestFile).ToDictionary(f => f, f => CanonicalChecksums[f], StringComparer.Ordinal))),
    ];

    public static IReadOnlyList<string> TrainFiles { get; } = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];

    // MD5s are the canonical ones (pytorch-cpp fetch_cifar10.cmake); SHA-256s were computed from files matching them, as
    // listed in the shared data's cifar10/SOURCES.md, which also gives the partial test file's digest.
    internal static readonly IReadOnlyDictionary<string, FileChecksum> CanonicalChecksums = new Dictionary<string, FileChecksum>
    {
        ["data_batch_1.bin"] = new("5dd7e06a14cb22eb9f671a540d1b7c25", "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5"),
        ["data_batch_2.bin"] = new("5ea93a67294ea407fff1d09f752e9692", "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed"),
        ["data_batch_3.bin"] = new("942cd6a4bcdd0dd3c604fbe906cb4421", "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67"),
        ["data_batch_4.bin"] = new("ae636b3ba5c66a11e91e8cb52e771fcb", "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48"),
        ["data_batch_5.bin"] = new("53f37980c15c3d472c316c40844f3f0d", "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add"),
        [TestFile] = new("803d5f7f4d78ea53de84dbe85f74fb6d", null),
        [PartialTestFile] = new("371f65da31ad652f5e24b3699a3e6515", "8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5"),
    };

    private readonly IReadOnlyDictionary<string, FileChecksum> _checksums;

    public Cifar10()
        : this(CanonicalChecksums)
    {
    }

    /// <summary>Checks the files against <paramref name="checksums"/> (by file name) instead of the canonical digests.</summary>
    internal Cifar10(IReadOnlyDictionary<string, FileChecksum> checksums) => _checksums = checksums;

    public string Id => DatasetId;

    ImageShape IDatasetSource.Shape => Shape;

    public DatasetSplits Load(DataLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var required = TrainFiles.Select(f => new RequiredFile([f])).Append(new RequiredFile([TestFile, PartialTestFile])).ToList();
        var paths = DatasetFolder.Resolve("CIFAR-10", DatasetId, required, location.SearchRoots(), HowToGet);
        var train = ReadFiles(paths.Take(TrainFiles.Count).ToList());
        try
        {
            var testPath = paths[^1];
            var test = ReadFiles([testPath]);
            var partial = string.Equals(Path.GetFileName(testPath), PartialTestFile, StringComparison.Ordinal)
                ? $" (PARTIAL test split: only the first {test.Count:N0} of the 10,000 test images, from {PartialTestFile}, because {TestFile} is absent)"
                : "";
            return new DatasetSplits(
                DatasetId, $"CIFAR-10, 32x32 colour, {train.Count:N0} train / {test.Count:N0} test{partial}", train, test, ClassCount);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parses binary-version records: pixels n×3072 uint8 (channel-major, features /255), labels n int64.
    /// <paramref name="name"/> names the file in errors.
    /// </summary>
    /// <exception cref="DatasetException">The length is not a whole number of records, or a label is not 0..9.</exception>
    public static LabelledData Parse(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var count = RecordCount(bytes.LongLength, name);
        var pixels = torch.empty([count, Pixels], ScalarType.Byte);
        var labels = new long[count];
        try
        {
            ParseInto(bytes, name, pixels.bytes, labels, 0, 0);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }

        return new LabelledData(pixels, torch.tensor(labels), 255f, Shape);
    }

    private LabelledData ReadFiles(IReadOnlyList<string> paths)
    {
        // Sizes first, so the pixels of every file go straight into one uint8 tensor: a file is read a chunk of records at a
        // time and hashed as it goes, never held whole beside the tensor.
        var counts = paths.Select(p => RecordCount(new FileInfo(p).Length, p)).ToList();
        var total = counts.Sum();
        var pixels = torch.empty([total, Pixels], ScalarType.Byte);
        var labels = new long[total];
        try
        {
            var buffer = new byte[ChunkRecords * RecordSize];
            var first = 0;
            for (var f = 0; f < paths.Count; f++)
            {
                ReadFile(paths[f], counts[f], buffer, pixels.bytes, labels, first);
                first += counts[f];
            }
        }
        catch
        {
            pixels.Dispose();
            throw;
        }

        return new LabelledData(pixels, torch.tensor(labels), 255f, Shape);
    }

    private void ReadFile(string path, int count, byte[] buffer, Span<byte> pixels, long[] labels, int first)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            for (var done = 0; done < count; done += ChunkRecords)
            {
                var chunk = buffer.AsSpan(0, Math.Min(ChunkRecords, count - done) * RecordSize);
                file.ReadExactly(chunk);
                md5.AppendData(chunk);
                sha256.AppendData(chunk);
                ParseInto(chunk, path, pixels, labels, first + done, done);
            }
        }

        _checksums[Path.GetFileName(path)].Verify(md5.GetHashAndReset(), sha256.GetHashAndReset(), path, "contents", HowToGet);
    }

    private static int RecordCount(long length, string name)
    {
        if (length % RecordSize != 0)
        {
            throw new DatasetException(
                $"{name}: truncated or not a CIFAR-10 binary batch: {length} bytes is not a whole number of {RecordSize}-byte records "
                + $"({length / RecordSize} records and {length % RecordSize} bytes left over).");
        }

        return checked((int)(length / RecordSize));
    }

    /// <summary>Copies whole records into rows <paramref name="first"/>.. of <paramref name="pixels"/>; <paramref name="firstInFile"/> numbers them in errors.</summary>
    private static void ParseInto(ReadOnlySpan<byte> records, string name, Span<byte> pixels, long[] labels, int first, int firstInFile)
    {
        var count = RecordCount(records.Length, name);
        for (var r = 0; r < count; r++)
        {
            var record = records.Slice(r * RecordSize, RecordSize);
            if (record[0] >= ClassCount)
            {
                throw new DatasetException($"{name}: record {firstInFile + r} has label {record[0]}; expected a class 0..{ClassCount - 1}.");
            }

            labels[first + r] = record[0];
            record[1..].CopyTo(pixels.Slice((first + r) * Pixels, Pixels));
        }
    }
}
