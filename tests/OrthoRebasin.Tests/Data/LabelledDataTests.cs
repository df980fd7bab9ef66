using OrthoRebasin.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Data;

public sealed class LabelledDataTests
{
    private static readonly ImageShape Pair = new(1, 1, 2);

    [Fact]
    public void TakeAndSubset_select_the_requested_samples()
    {
        // Given
        using var data = LabelledData.FromBytes([0, 1, 10, 11, 20, 21], [5, 6, 7], 1f, Pair);

        // When
        using var first = data.Take(2);
        using var picked = data.Subset([2, 0]);

        // Then
        Assert.Equal([0, 1, 10, 11], first.Pixels.data<byte>().ToArray());
        Assert.Equal([5L, 6L], first.LabelArray());
        Assert.Equal([20, 21, 0, 1], picked.Pixels.data<byte>().ToArray());
        Assert.Equal([7L, 5L], picked.LabelArray());
    }

    [Fact]
    public void FromBytes_rejects_mismatched_lengths()
    {
        // Given
        byte[] pixels = [0, 1, 2];

        // When
        var error = Assert.Throws<ArgumentException>(() => LabelledData.FromBytes(pixels, [1, 2], 1f, Pair));

        // Then
        Assert.Contains("need 4 values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(255f)]
    [InlineData(16f)]
    public void Features_are_every_byte_divided_by_the_scale_bit_for_bit_as_the_float_path_was(float scale)
    {
        // Given: every byte value, once
        byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        using var data = LabelledData.FromBytes(all, [.. Enumerable.Range(0, 128).Select(i => (long)i)], scale, Pair);

        // When
        using var features = data.Features();

        // Then: the loaders' former float path (torch's division of the converted bytes), and C#'s own division
        using var bytes = torch.tensor(all, [128, 2]);
        using var former = bytes.to_type(ScalarType.Float32).div_(scale);
        Assert.Equal(former.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits), features.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(all.Select(b => BitConverter.SingleToInt32Bits(b / scale)), features.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Features_at_an_index_are_the_rows_of_the_whole_sets_features()
    {
        // Given
        var generator = new Random(7);
        var pixels = new byte[50 * 12];
        generator.NextBytes(pixels);
        using var data = LabelledData.FromBytes(pixels, new long[50], 255f, new ImageShape(3, 2, 2));
        using var index = torch.tensor(new long[] { 49, 3, 3, 0, 17 });

        // When
        using var batch = data.Features(index);

        // Then
        using var whole = data.Features();
        using var rows = whole.index_select(0, index);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        Assert.Equal(rows.data<float>().ToArray(), batch.data<float>().ToArray());
    }

    [Fact]
    public void Slice_shares_the_storage_and_to_keeps_it_on_the_same_device()
    {
        // Given
        using var data = LabelledData.FromBytes([0, 1, 10, 11, 20, 21], [5, 6, 7], 1f, Pair);

        // When
        using var tail = data.Slice(1, 2);
        using var moved = data.To(CPU);
        data.Pixels[2, 0] = torch.tensor((byte)99);

        // Then
        Assert.Equal([10, 11, 99, 21], tail.Pixels.data<byte>().ToArray());
        Assert.Equal([6L, 7L], tail.LabelArray());
        Assert.Equal(99, moved.Pixels[2, 0].item<byte>());
    }

    [Fact]
    public void Standardisation_statistics_are_each_channels_mean_and_population_std_over_samples_and_positions()
    {
        // Given 40 random images of 3 channels, 2×3 pixels
        var generator = new Random(11);
        var pixels = new byte[40 * 18];
        generator.NextBytes(pixels);
        var shape = new ImageShape(3, 2, 3);
        using var data = LabelledData.FromBytes(pixels, new long[40], 255f, shape);

        // When
        var statistics = InputStandardisation.Of(data);

        // Then: the same sums in C# doubles, channel by channel
        for (var c = 0; c < 3; c++)
        {
            var values = Enumerable.Range(0, 40).SelectMany(i => Enumerable.Range(0, 6).Select(p => pixels[(i * 18) + (c * 6) + p] / 255.0)).ToArray();
            var mean = values.Average();
            var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            Assert.Equal(mean, statistics.Mean[c], 1e-12);
            Assert.Equal(std, statistics.Std[c], 1e-12);
        }
    }

    [Fact]
    public void Standardised_features_have_zero_mean_and_unit_std_per_channel_and_a_batch_is_the_whole_sets_rows()
    {
        // Given
        var generator = new Random(5);
        var pixels = new byte[64 * 12];
        generator.NextBytes(pixels);
        var shape = new ImageShape(3, 2, 2);
        using var raw = LabelledData.FromBytes(pixels, new long[64], 255f, shape);
        using var data = raw.WithStandardisation(InputStandardisation.Of(raw));
        using var index = torch.tensor(new long[] { 63, 0, 7, 7 });

        // When
        using var whole = data.Features();
        using var batch = data.Features(index);

        // Then
        using var channels = whole.view(64, 3, 4).transpose(0, 1).reshape(3, 256).to_type(ScalarType.Float64);
        using var means = channels.mean([1L]);
        using var stds = channels.std(1, unbiased: false);
        Assert.All(means.data<double>().ToArray(), m => Assert.Equal(0, m, 1e-6));
        Assert.All(stds.data<double>().ToArray(), s => Assert.Equal(1, s, 1e-6));
        using var rows = whole.index_select(0, index);
        Assert.Equal(rows.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits), batch.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
        using var scaled = data.ScaledFeatures(index);
        using var rawRows = raw.Features(index);
        Assert.Equal(rawRows.data<float>().ToArray(), scaled.data<float>().ToArray());
    }

    [Fact]
    public void Slices_and_subsets_keep_the_standardisation_of_the_set_they_came_from()
    {
        // Given
        using var raw = LabelledData.FromBytes([0, 10, 20, 30, 40, 50], [1, 2, 3], 1f, Pair);
        var statistics = new InputStandardisation([10.0], [2.0]);
        using var data = raw.WithStandardisation(statistics);

        // When
        using var tail = data.Slice(1, 2);
        using var picked = data.Subset([2]);

        // Then: (pixel − 10) / 2
        using var tailFeatures = tail.Features();
        using var pickedFeatures = picked.Features();
        Assert.Equal([5f, 10f, 15f, 20f], tailFeatures.data<float>().ToArray());
        Assert.Equal([15f, 20f], pickedFeatures.data<float>().ToArray());
        Assert.Same(statistics, tail.Standardisation);
    }

    [Fact]
    public void A_constant_channel_cannot_be_standardised_and_the_error_says_to_leave_the_option_off()
    {
        // Given: the second channel is 7 everywhere
        using var data = LabelledData.FromBytes([0, 7, 200, 7, 30, 7], [1, 2, 3], 1f, new ImageShape(2, 1, 1));

        // When
        var error = Assert.Throws<UserErrorException>(() => InputStandardisation.Of(data));

        // Then
        Assert.Contains("input channel 1 is constant", error.Message, StringComparison.Ordinal);
        Assert.Contains("data.standardise", error.Message, StringComparison.Ordinal);
    }
}
