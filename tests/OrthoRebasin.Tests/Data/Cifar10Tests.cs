using OrthoRebasin.Data;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Data;

public sealed class Cifar10Tests
{
    [Fact]
    public void Parse_reads_labels_and_channel_major_pixels_scaled()
    {
        // Given
        var bytes = DataFileWriter.CifarRecords([6, 9], (r, p) => (byte)((r * 100) + (p / 1024)));

        // When
        using var data = Cifar10.Parse(bytes, "tiny.bin");

        // Then
        Assert.Equal([2L, 3072L], data.Features().shape);
        Assert.Equal([6L, 9L], data.LabelArray());
        var features = data.Features().data<float>().ToArray();
        Assert.Equal(0f, features[0]);
        Assert.Equal(1 / 255f, features[1024]);
        Assert.Equal(2 / 255f, features[3071]);
        Assert.Equal(102 / 255f, features[3072 + 3071]);
    }

    [Fact]
    public void Parse_rejects_a_truncated_file_naming_it()
    {
        // Given
        var bytes = DataFileWriter.CifarRecords([1, 2], (_, _) => 0)[..^5];

        // When
        var error = Assert.Throws<DatasetException>(() => Cifar10.Parse(bytes, "data_batch_3.bin"));

        // Then
        Assert.Contains("data_batch_3.bin: truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 records and 3068 bytes left over", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_a_label_outside_the_classes()
    {
        // Given
        var bytes = DataFileWriter.CifarRecords([1, 10], (_, _) => 0);

        // When
        var error = Assert.Throws<DatasetException>(() => Cifar10.Parse(bytes, "x.bin"));

        // Then
        Assert.Contains("record 1 has label 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_joins_the_five_training_batches_and_reads_the_full_test_batch()
    {
        // Given
        using var root = new TemporaryDirectory();
        var checksums = WriteFolder(root.Path, Cifar10.TestFile);

        // When
        using var splits = new Cifar10(checksums).Load(new DataLocation(root.Path));

        // Then
        Assert.Equal("cifar10", splits.Id);
        Assert.Equal(3072, splits.InputSize);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], splits.Train.LabelArray());
        Assert.Equal([4L, 3072L], splits.Test.Features().shape);
        Assert.Equal([9L, 8L, 7L, 6L], splits.Test.LabelArray());
        Assert.Equal(4 / 255f, splits.Train.Features()[4, 0].item<float>());
        Assert.DoesNotContain("PARTIAL", splits.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_falls_back_to_the_partial_test_file_and_says_so()
    {
        // Given
        using var root = new TemporaryDirectory();
        var checksums = WriteFolder(root.Path, Cifar10.PartialTestFile);

        // When
        using var splits = new Cifar10(checksums).Load(new DataLocation(root.Path));

        // Then
        Assert.Equal(4, splits.Test.Count);
        Assert.Contains("PARTIAL test split", splits.Description, StringComparison.Ordinal);
        Assert.Contains(Cifar10.PartialTestFile, splits.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_rejects_a_file_with_the_wrong_checksum_naming_it()
    {
        // Given
        using var root = new TemporaryDirectory();
        var checksums = WriteFolder(root.Path, Cifar10.TestFile);
        var path = Path.Combine(root.Path, "cifar10", "data_batch_2.bin");
        var expected = checksums["data_batch_2.bin"].Sha256!;
        var bytes = File.ReadAllBytes(path);
        bytes[1] ^= 1;
        File.WriteAllBytes(path, bytes);

        // When
        var error = Assert.Throws<DatasetException>(() => new Cifar10(checksums).Load(new DataLocation(root.Path)));

        // Then
        Assert.Contains($"{path}: the SHA-256 of its contents is {DataFileWriter.Sha256(bytes)}, expected {expected}", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-download it from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_lists_every_missing_file_and_every_folder_searched()
    {
        // Given
        using var root = new TemporaryDirectory();
        var location = new DataLocation(null);
        var roots = location.SearchRoots(name => name == DataLocation.EnvironmentVariable ? Path.Combine(root.Path, "env") : null, root.Path);
        Directory.CreateDirectory(Path.Combine(root.Path, "data", "cifar10"));
        File.WriteAllBytes(Path.Combine(root.Path, "data", "cifar10", "data_batch_1.bin"), []);

        // When
        var error = Assert.Throws<DatasetNotFoundException>(
            () => DatasetFolder.Resolve("CIFAR-10", "cifar10", [new(["data_batch_1.bin"]), new(["data_batch_2.bin"]), new([Cifar10.TestFile, Cifar10.PartialTestFile])], roots, Cifar10.HowToGet));

        // Then
        Assert.Contains($"{Path.Combine(root.Path, "env", "cifar10")}: no such folder", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(root.Path, "data", "cifar10")}: missing data_batch_2.bin, test_batch.bin (or test_batch_first1000.bin)", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_without_any_file_names_all_six_in_the_error()
    {
        // Given
        using var root = new TemporaryDirectory();

        // When
        var error = Assert.Throws<DatasetNotFoundException>(() => new Cifar10().Load(new DataLocation(root.Path)));

        // Then
        Assert.Contains($"{Path.Combine(root.Path, "cifar10")}: no such folder", error.Message, StringComparison.Ordinal);
        foreach (var file in Cifar10.TrainFiles.Append(Cifar10.TestFile))
        {
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Five one-record training batches labelled 0..4 (pixels = label) and a 4-record test file; returns their digests.</summary>
    private static Dictionary<string, FileChecksum> WriteFolder(string root, string testFile)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "cifar10")).FullName;
        var checksums = new Dictionary<string, FileChecksum>();
        for (var b = 0; b < 5; b++)
        {
            Write($"data_batch_{b + 1}.bin", DataFileWriter.CifarRecords([(byte)b], (_, _) => (byte)b));
        }

        Write(testFile, DataFileWriter.CifarRecords([9, 8, 7, 6], (r, p) => (byte)(r + p)));
        return checksums;

        void Write(string name, byte[] bytes)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            checksums[name] = new FileChecksum(DataFileWriter.Md5(bytes), DataFileWriter.Sha256(bytes));
        }
    }
}
