using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

// Uses pre-downloaded copies of the real data sets in the folder ORTHOREBASIN_TEST_DATA names (.ci/run sets it where
// CI keeps them); without it there is nothing to read and the test says so.
public sealed class SharedDataTests
{
    [Fact]
    public void RealFiles_load_with_their_shapes_and_class_counts_when_shared_data_is_present()
    {
        // Given
        var sharedData = SharedDataFolder();
        if (sharedData is null)
        {
            Console.WriteLine("Skipped: ORTHOREBASIN_TEST_DATA names no folder of real data sets.");
            return;
        }

        // Speed is a benchmark's business (bench/), never a unit test's: a busy machine would fail it.
        var location = new DataLocation(sharedData);

        // When
        var mnist = Summarise(IdxImageDataset.Mnist, location);
        var fashion = Summarise(IdxImageDataset.FashionMnist, location);
        var cifar = Summarise(new Cifar10(), location);

        // Then
        Assert.Equal((784, 10), (mnist.InputSize, mnist.Classes));
        Assert.Equal([5923L, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], mnist.TrainCounts);
        Assert.Equal([980L, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], mnist.TestCounts);
        Assert.Equal((0f, 1f), mnist.Range);
        Assert.Equal(784, fashion.InputSize);
        Assert.Equal(Enumerable.Repeat(6000L, 10), fashion.TrainCounts);
        Assert.Equal(Enumerable.Repeat(1000L, 10), fashion.TestCounts);
        Assert.Equal(3072, cifar.InputSize);
        Assert.Equal(Enumerable.Repeat(5000L, 10), cifar.TrainCounts);
        Assert.Equal([103L, 89, 100, 103, 90, 86, 112, 102, 106, 109], cifar.TestCounts);
        Assert.Contains("PARTIAL", cifar.Description, StringComparison.Ordinal);
    }

    private static (int InputSize, int Classes, long[] TrainCounts, long[] TestCounts, (float Min, float Max) Range, string Description) Summarise(IDatasetSource source, DataLocation location)
    {
        using var splits = source.Load(location);
        using var trainCounts = splits.Train.Labels.bincount(null, splits.Classes);
        using var testCounts = splits.Test.Labels.bincount(null, splits.Classes);
        using var features = splits.Train.Features();
        using var min = features.min();
        using var max = features.max();
        return (
            splits.InputSize,
            splits.Classes,
            trainCounts.data<long>().ToArray(),
            testCounts.data<long>().ToArray(),
            (min.item<float>(), max.item<float>()),
            splits.Description);
    }

    private static string? SharedDataFolder() =>
        Environment.GetEnvironmentVariable("ORTHOREBASIN_TEST_DATA") is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;
}
