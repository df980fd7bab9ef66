using TorchSharp;

namespace OrthoRebasin.Tests;

public sealed class TorchSharpStartsTests
{
    [Fact]
    public void Matmul_of_known_matrices_gives_the_expected_product()
    {
        // Given
        using var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = torch.tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);

        // When
        using var product = torch.matmul(a, b);

        // Then
        Assert.Equal([2L, 2L], product.shape);
        Assert.Equal([58f, 64f, 139f, 154f], product.data<float>().ToArray());
    }
}
