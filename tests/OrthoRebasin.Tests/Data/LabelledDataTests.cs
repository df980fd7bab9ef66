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
}
