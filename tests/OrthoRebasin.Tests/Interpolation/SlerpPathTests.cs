using OrthoRebasin.Interpolation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Interpolation;

public sealed class SlerpPathTests
{
    private static readonly SlerpPath Interpolating = new(new SlerpOptions());
    private static readonly SlerpPath Directions = new(new SlerpOptions { Norm = SlerpNorm.None });

    [Theory]
    [InlineData(SlerpPer.Tensor)]
    [InlineData(SlerpPer.Row)]
    public void The_endpoints_are_A_and_B(SlerpPer per)
    {
        // Given two random parameter sets of an MLP
        var mlp = new Mlp(6, [5, 4], 3);
        using var a = TestModels.Random(mlp, 1);
        using var b = TestModels.Random(mlp, 2);
        var path = new SlerpPath(new SlerpOptions { Per = per });

        // When the path is evaluated at λ = 0 and λ = 1
        using var start = path.At(a, b, 0.0);
        using var end = path.At(a, b, 1.0);

        // Then every tensor is its endpoint to 1e-6 relative
        foreach (var name in a.Names)
        {
            Assert.True(RelativeError(start[name], a[name]) < 1e-6, $"{name} at λ = 0");
            Assert.True(RelativeError(end[name], b[name]) < 1e-6, $"{name} at λ = 1");
            Assert.Equal(ScalarType.Float32, start[name].dtype);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Norm_interpolate_interpolates_the_norm_linearly(double lambda)
    {
        // Given two vectors of different norms at a generic angle
        using var a = Vector(3, 0, 1, 0);
        using var b = Vector(0, 1, 0, 2) * 4;
        double normA = Norm(a), normB = Norm(b);

        // When
        using var theta = Interpolating.Interpolate(a, b, lambda);

        // Then
        Assert.Equal((1 - lambda) * normA + lambda * normB, Norm(theta), 5);
    }

    [Fact]
    public void Norm_none_gives_unit_directions_on_the_great_circle()
    {
        // Given two orthogonal vectors of norms 3 and 5
        using var a = Vector(3, 0);
        using var b = Vector(0, 5);

        // When the direction path is evaluated half way
        using var theta = Directions.Interpolate(a, b, 0.5);

        // Then it has unit norm and bisects the angle
        Assert.Equal(1.0, Norm(theta), 6);
        Assert.Equal(Math.Sqrt(0.5), theta[0].item<float>(), 6);
        Assert.Equal(Math.Sqrt(0.5), theta[1].item<float>(), 6);
    }

    [Fact]
    public void Parallel_vectors_stay_on_their_direction()
    {
        // Given b = 3a: Ω = 0, where the slerp formula divides by sin Ω = 0
        using var a = Vector(1, 2, 2);
        using var b = a * 3;

        // When
        using var theta = Interpolating.Interpolate(a, b, 0.5);

        // Then the path is the linear one: 2a, finite
        Assert.True(RelativeError(theta, a * 2) < 1e-6);
    }

    [Fact]
    public void Antiparallel_vectors_fall_back_to_the_linear_path_through_zero()
    {
        // Given b = −2a: Ω = π, no unique great circle
        using var a = Vector(1, 2, 2);
        using var b = a * -2;

        // When
        using var third = Interpolating.Interpolate(a, b, 1.0 / 3);
        using var quarter = Interpolating.Interpolate(a, b, 0.25);

        // Then θ(λ) = (1 − λ) a + λ b, zero at λ = 1/3 and never NaN
        Assert.True(Norm(third) < 1e-6);
        Assert.True(RelativeError(quarter, a * 0.25) < 1e-6);
    }

    [Fact]
    public void A_zero_vector_takes_the_other_direction()
    {
        // Given a zero bias at one end
        using var a = zeros(3);
        using var b = Vector(0, 3, 4);

        // When
        using var theta = Interpolating.Interpolate(a, b, 0.4);
        using var both = Interpolating.Interpolate(a, zeros(3), 0.4);

        // Then the path is linear along b (0.4 b), and two zero vectors give zero
        Assert.True(RelativeError(theta, b * 0.4) < 1e-6);
        Assert.Equal(0.0, Norm(both));
    }

    [Fact]
    public void Per_row_differs_from_per_tensor()
    {
        // Given a matrix whose rows rotate by different angles and change norm differently
        using var a = tensor(new float[,] { { 1, 0 }, { 0, 2 } });
        using var b = tensor(new float[,] { { 0, 3 }, { 1, 1 } });
        var perRow = new SlerpPath(new SlerpOptions { Per = SlerpPer.Row });

        // When
        using var byTensor = Interpolating.Interpolate(a, b, 0.5);
        using var byRow = perRow.Interpolate(a, b, 0.5);

        // Then each row of the per-row path has its own interpolated norm, which the per-tensor path does not give
        Assert.Equal(0.5 * 1 + 0.5 * 3, Norm(byRow[0]), 5);
        Assert.Equal(0.5 * 2 + 0.5 * Math.Sqrt(2), Norm(byRow[1]), 5);
        Assert.True(TestModels.MaxAbsDifference(byTensor, byRow) > 0.05);
    }

    [Fact]
    public void The_manifest_entry_without_options_gets_the_defaults()
    {
        // Given a slerp entry with no options
        var spec = new PathSpec { Id = "slerp" };

        // When
        var path = InterpolationPaths.Registry.Get(spec.Id).Create(spec.Options);

        // Then
        var slerp = Assert.IsType<SlerpPath>(path);
        Assert.Equal(new SlerpOptions(), slerp.Options);
    }

    private static Tensor Vector(params float[] values) => tensor(values);

    private static double Norm(Tensor t)
    {
        using var norm = t.to(float64).square().sum().sqrt();
        return norm.item<double>();
    }

    private static double RelativeError(Tensor actual, Tensor expected)
    {
        using var difference = actual.to(float64) - expected.to(float64);
        return Norm(difference) / Math.Max(Norm(expected), 1e-30);
    }
}
