using OrthoRebasin.Interpolation;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Interpolation;

public sealed class UnitStatisticsTests
{
    [Fact]
    public void Statistics_of_a_convolution_output_larger_than_a_chunk_equal_those_of_its_rows_in_float64()
    {
        // Given a convolution-shaped output (5 samples × 8 channels × 512 × 256) that spans two chunks of float64 work
        using var generator = new Generator(7);
        using var z = randn([5, 8, 512, 256], generator: generator) * 3 + 1.5;
        Assert.True(z.numel() > UnitStatistics.ChunkElements);

        // When its per-channel statistics are taken chunk by chunk
        using var stats = UnitStatistics.OfOutput(z);

        // Then they are the mean and population standard deviation of every position of every sample, in float64
        using var rows = z.permute(0, 2, 3, 1).reshape(-1, 8).to(float64);
        using var mean = rows.mean([0L]);
        using var std = (rows - mean).square().mean([0L]).sqrt();
        Assert.Equal(float64, stats.Mean.dtype);
        Assert.True(stats.Mean.allclose(mean, rtol: 1e-12, atol: 1e-12), "means differ");
        Assert.True(stats.Std.allclose(std, rtol: 1e-12, atol: 0), "standard deviations differ");
    }

    [Fact]
    public void Statistics_of_rows_refuse_a_tensor_that_is_not_samples_by_units()
    {
        // Given a one-dimensional tensor
        using var z = ones(4);

        // When its statistics are asked for, then the error names the shape expected
        var error = Assert.Throws<ArgumentException>(() => UnitStatistics.Of(z));
        Assert.Contains("samples × units", error.Message);
    }
}
