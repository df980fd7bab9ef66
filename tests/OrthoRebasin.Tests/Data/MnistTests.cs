using OrthoRebasin.Data;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Data;

public sealed class MnistTests
{
    private static readonly string[] _stems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    [Fact]
    public void Load_reads_raw_and_gzip_files_scaled_and_flattened()
    {
        // Given
        using var root = new TemporaryDirectory();
        var checksums = WriteFolder(root.Path, "mnist", trainCount: 3, testCount: 2);

        // When
        using var splits = IdxImageDataset.Mnist.WithPayloadSha256(checksums).Load(new DataLocation(root.Path));

        // Then
        Assert.Equal("mnist", splits.Id);
        Assert.Equal(784, splits.InputSize);
        Assert.Equal(10, splits.Classes);
        Assert.Equal([3L, 784L], splits.Train.Features().shape);
        Assert.Equal([0L, 1L, 2L], splits.Train.LabelArray());
        Assert.Equal([7L, 8L], splits.Test.LabelArray());
        var firstTest = splits.Test.Features().data<float>().ToArray()[..784];
        Assert.Equal(Enumerable.Range(0, 784).Select(p => (byte)(3 + p) / 255f), firstTest);
    }

    [Fact]
    public void Load_rejects_a_payload_with_the_wrong_checksum_naming_the_file()
    {
        // Given
        using var root = new TemporaryDirectory();
        var checksums = WriteFolder(root.Path, "fashion-mnist", trainCount: 2, testCount: 1);
        var actual = checksums["t10k-labels-idx1-ubyte"];
        var wrong = new Dictionary<string, string>(checksums) { ["t10k-labels-idx1-ubyte"] = new string('0', 64) };

        // When
        var error = Assert.Throws<DatasetException>(() => IdxImageDataset.FashionMnist.WithPayloadSha256(wrong).Load(new DataLocation(root.Path)));

        // Then
        Assert.Contains(Path.Combine(root.Path, "fashion-mnist", "t10k-labels-idx1-ubyte.gz"), error.Message, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 of its uncompressed IDX payload is {actual}, expected {new string('0', 64)}", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-download it from http://fashion-mnist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_with_canonical_checksums_rejects_files_that_are_not_the_real_ones()
    {
        // Given
        using var root = new TemporaryDirectory();
        WriteFolder(root.Path, "mnist", trainCount: 2, testCount: 1);

        // When
        var error = Assert.Throws<DatasetException>(() => IdxImageDataset.Mnist.Load(new DataLocation(root.Path)));

        // Then
        Assert.Contains("train-images-idx3-ubyte", error.Message, StringComparison.Ordinal);
        Assert.Contains("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_lists_every_missing_file_and_every_folder_searched()
    {
        // Given
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "mnist"));
        File.WriteAllBytes(Path.Combine(root.Path, "mnist", "train-labels-idx1-ubyte.gz"), [1]);

        // When
        var error = Assert.Throws<DatasetNotFoundException>(() => IdxImageDataset.Mnist.Load(new DataLocation(root.Path)));

        // Then
        Assert.Contains($"{Path.Combine(root.Path, "mnist")}: missing train-images-idx3-ubyte (or train-images-idx3-ubyte.gz), t10k-images-idx3-ubyte (or t10k-images-idx3-ubyte.gz), t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing train-labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://ossci-datasets.s3.amazonaws.com/mnist/", error.Message, StringComparison.Ordinal);
        Assert.Equal("mnist", error.DatasetId);
        Assert.Contains("the run's data folder", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes the four files (train images gzip, the rest mixed) and returns their payload SHA-256s.</summary>
    private static Dictionary<string, string> WriteFolder(string root, string folderName, int trainCount, int testCount)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, folderName)).FullName;
        var payloads = new[]
        {
            DataFileWriter.Idx([trainCount, 28, 28], [.. Enumerable.Range(0, trainCount * 784).Select(i => (byte)i)]),
            DataFileWriter.Idx([trainCount], [.. Enumerable.Range(0, trainCount).Select(i => (byte)i)]),
            DataFileWriter.Idx([testCount, 28, 28], [.. Enumerable.Range(0, testCount * 784).Select(i => (byte)(i + 3))]),
            DataFileWriter.Idx([testCount], [.. Enumerable.Range(0, testCount).Select(i => (byte)(7 + i))]),
        };
        var checksums = new Dictionary<string, string>();
        for (var f = 0; f < _stems.Length; f++)
        {
            var gzip = f != 2;
            File.WriteAllBytes(Path.Combine(folder, _stems[f] + (gzip ? ".gz" : "")), gzip ? DataFileWriter.Gzip(payloads[f]) : payloads[f]);
            checksums[_stems[f]] = DataFileWriter.Sha256(payloads[f]);
        }

        return checksums;
    }
}
