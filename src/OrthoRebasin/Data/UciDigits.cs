using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;

namespace OrthoRebasin.Data;

/// <summary>
/// UCI optical digits (8×8 images, 10 classes, 1,797 samples), embedded in the library; features are the
/// 64 pixel counts 0..16, kept as bytes; features divide them by 16, so they lie in [0, 1].
/// <para>
/// Split (deterministic, no random numbers): walk the file in order and count, per class, the samples seen
/// so far; the 5th, 10th, 15th, ... sample of each class (within-class rank r, 0-based, with r % 5 == 4) goes
/// to the test split, every other sample to training. Each class thus gives floor(count / 5) samples to test:
/// 355 test and 1,442 training samples, every class in both, in proportion. Both splits keep file order.
/// </para>
/// </summary>
public sealed class UciDigits : IDatasetSource
{
    public const string DatasetId = "uci-digits";
    public const int Pixels = 64;
    public const int ClassCount = 10;
    public const int SampleCount = 1797;
    public const int TestEvery = 5;

    internal const string ResourceName = "OrthoRebasin.Data.uci-digits.csv.gz";
    internal const string Sha256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";

    private const int MaxPixel = 16;

    public static ImageShape Shape { get; } = new(1, 8, 8);

    public string Id => DatasetId;

    ImageShape IDatasetSource.Shape => Shape;

    public string Description => "UCI optical digits, 8x8 images, 10 classes, 1,797 samples (ships with the repository)";

    public int Classes => ClassCount;

    public IReadOnlyList<DatasetDownload> Downloads => [];

    public DatasetSplits Load(DataLocation location)
    {
        var compressed = ReadEmbedded();
        VerifySha256(compressed, Sha256);
        using var csv = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var all = Parse(csv);
        if (all.Count != SampleCount)
        {
            throw new InvalidDataException($"The embedded {DatasetId} file has {all.Count} rows; expected {SampleCount}.");
        }

        var split = Split(all.LabelArray());
        var train = all.Subset(split.Train);
        try
        {
            var test = all.Subset(split.Test);
            return new DatasetSplits(
                DatasetId,
                $"UCI optical digits 8x8, {split.Train.Length} train / {split.Test.Length} test (every {TestEvery}th sample of each class is test)",
                train,
                test,
                ClassCount);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parses the CSV text (no header; per row 64 integers 0..16 then a label 0..9). Any malformed row is an
    /// <see cref="InvalidDataException"/> naming its 1-based row number and the problem.
    /// </summary>
    public static LabelledData Parse(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StreamReader(csv, leaveOpen: true);
        var pixels = new List<byte>(SampleCount * Pixels);
        var labels = new List<long>(SampleCount);
        var rowNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            rowNumber++;
            ParseRow(line, rowNumber, pixels, labels);
        }

        return LabelledData.FromBytes([.. pixels], [.. labels], MaxPixel, Shape);
    }

    /// <summary>The documented split (see the type's remarks) of samples with these labels, in file order.</summary>
    public static IndexSplit Split(IReadOnlyList<long> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var seen = new Dictionary<long, int>();
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var rank = seen.GetValueOrDefault(labels[i]);
            seen[labels[i]] = rank + 1;
            (rank % TestEvery == TestEvery - 1 ? test : train).Add(i);
        }

        return new IndexSplit([.. train], [.. test]);
    }

    internal static void VerifySha256(byte[] bytes, string expected)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The embedded {DatasetId} data has SHA-256 {actual}, expected {expected}: the resource is damaged or was replaced.");
        }
    }

    private static byte[] ReadEmbedded()
    {
        using var stream = typeof(UciDigits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The library lacks its embedded resource {ResourceName}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void ParseRow(string line, int rowNumber, List<byte> pixels, List<long> labels)
    {
        var span = line.AsSpan();
        var fieldCount = span.Count(',') + 1;
        if (fieldCount != Pixels + 1)
        {
            throw new InvalidDataException($"{DatasetId} CSV row {rowNumber}: {fieldCount} fields; expected {Pixels + 1} (64 pixels, then the label).");
        }

        var field = 0;
        foreach (var range in span.Split(','))
        {
            var text = span[range];
            var max = field < Pixels ? MaxPixel : ClassCount - 1;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
            {
                var what = field < Pixels ? $"pixel {field + 1}" : "the label";
                throw new InvalidDataException($"{DatasetId} CSV row {rowNumber}: {what} is '{text}', not an integer in 0..{max}.");
            }

            if (field < Pixels)
            {
                pixels.Add((byte)value);
            }
            else
            {
                labels.Add(value);
            }

            field++;
        }
    }
}
