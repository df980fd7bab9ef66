using OrthoRebasin.Data;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Tests.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Interpolation;

public sealed class StatisticsResetTests
{
    private static readonly ImageShape Shape = new(3, 8, 8);

    private static readonly ResNet Model = new(Shape, 1, Normalisation.Batchnorm, 1, 4);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void At_the_endpoints_the_reset_leaves_the_network_exactly_as_it_is(double lambda)
    {
        // Given a network with random running statistics and calibration images
        using var theta = ConvolutionalModelTests.Randomised(Model, 1);
        using var x = ConvolutionalModelTests.Images(Shape, 20, 2);

        // When
        using var reset = StatisticsReset.Recompute(Model, theta, lambda, x, batchSize: 8);

        // Then
        foreach (var (name, tensor) in theta.Entries)
        {
            Assert.True(TestModels.Identical(tensor, reset[name]), name);
        }
    }

    [Fact]
    public void The_first_layer_s_running_statistics_become_the_average_of_its_batches_statistics()
    {
        // Given a network whose running statistics are far from its data's, and 24 images in three batches of 8
        using var theta = ConvolutionalModelTests.Randomised(Model, 3);
        using var x = ConvolutionalModelTests.Images(Shape, 24, 4) * 2 + 1;

        // When the statistics are recomputed
        using var reset = StatisticsReset.Recompute(Model, theta, 0.5, x, batchSize: 8);

        // Then the stem's running mean is the mean of the three batches' channel means, and its running variance the mean
        // of their unbiased channel variances, computed here from the stem convolution directly
        using var scope = NewDisposeScope();
        var batches = Enumerable.Range(0, 3).Select(k =>
        {
            var z = nn.functional.conv2d(x.narrow(0, 8 * k, 8).reshape(8, 3, 8, 8), theta["conv1.weight"], padding: [1, 1]);
            var rows = z.permute(0, 2, 3, 1).reshape(-1, z.shape[1]);
            return (Mean: rows.mean([0L]), Var: rows.var(0, unbiased: true));
        }).ToList();
        var mean = batches.Select(b => b.Mean).Aggregate((p, q) => p + q) / 3;
        var variance = batches.Select(b => b.Var).Aggregate((p, q) => p + q) / 3;
        Assert.True(TestModels.MaxAbsDifference(mean, reset["bn1.running_mean"]) <= 1e-5, "running mean");
        Assert.True(TestModels.MaxAbsDifference(variance, reset["bn1.running_var"]) <= 1e-5 * variance.abs().max().item<float>(), "running variance");
    }

    [Fact]
    public void The_reset_depends_on_the_network_s_weights_not_on_the_statistics_it_had()
    {
        // Given two copies of one network that differ only in their running statistics
        using var theta = ConvolutionalModelTests.Randomised(Model, 5);
        using var other = theta.Map((name, t) => Model.Statistics.Contains(name) ? t * 3 + 1 : t.clone());
        using var x = ConvolutionalModelTests.Images(Shape, 16, 6);

        // When both are reset
        using var first = StatisticsReset.Recompute(Model, theta, 0.3, x, batchSize: 8);
        using var second = StatisticsReset.Recompute(Model, other, 0.3, x, batchSize: 8);

        // Then their statistics agree (to float32 rounding), every weight is untouched, and theta itself did not change
        foreach (var name in Model.Statistics)
        {
            Assert.True(TestModels.MaxAbsDifference(first[name], second[name]) <= 1e-5, name);
        }

        foreach (var (name, tensor) in theta.Entries.Where(e => !Model.Statistics.Contains(e.Key)))
        {
            Assert.True(TestModels.Identical(tensor, first[name]), name);
        }

        Assert.False(TestModels.Identical(theta["bn1.running_mean"], first["bn1.running_mean"]));
    }

    [Fact]
    public void A_model_without_running_statistics_has_nothing_to_reset()
    {
        // Given a LayerNorm ResNet
        var model = new ResNet(Shape, 1, Normalisation.Layernorm, 1, 4);
        using var theta = ConvolutionalModelTests.Randomised(model, 7);
        using var x = ConvolutionalModelTests.Images(Shape, 4, 8);

        // When / Then
        var error = Assert.Throws<ArgumentException>(() => StatisticsReset.Recompute(model, theta, 0.5, x, 8));
        Assert.Contains("no running statistics", error.Message, StringComparison.Ordinal);
    }
}
