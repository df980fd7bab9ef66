using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class LabelledDataTests
{
    [Fact]
    public void TakeAndSubset_SelectTheRequestedSamples()
    {
        // Given
        using var data = LabelledData.FromArrays([0f, 1f, 10f, 11f, 20f, 21f], [5, 6, 7], inputSize: 2);

        // When
        using var first = data.Take(2);
        using var picked = data.Subset([2, 0]);

        // Then
        Assert.Equal([0f, 1f, 10f, 11f], first.Features.data<float>().ToArray());
        Assert.Equal([5L, 6L], first.LabelArray());
        Assert.Equal([20f, 21f, 0f, 1f], picked.Features.data<float>().ToArray());
        Assert.Equal([7L, 5L], picked.LabelArray());
    }

    [Fact]
    public void FromArrays_RejectsMismatchedLengths()
    {
        // Given
        float[] features = [0f, 1f, 2f];

        // When
        var error = Assert.Throws<ArgumentException>(() => LabelledData.FromArrays(features, [1, 2], inputSize: 2));

        // Then
        Assert.Contains("need 4 values", error.Message, StringComparison.Ordinal);
    }
}
