using OrthoRebasin.Evaluation;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Evaluation;

public sealed class WeightSimilarityTests
{
    private static readonly Mlp Model = new(12, [20, 8], 3);

    [Fact]
    public void Every_weight_matrix_gets_one_entry_with_k_capped_by_its_size()
    {
        // Given
        using var a = TestModels.Random(Model, 1);
        using var b = TestModels.Random(Model, 2);

        // When
        var layers = WeightSimilarity.Measure(a, b, b);

        // Then biases are skipped, k = min(10, rows, columns), and the curve has k points
        Assert.Equal(["layers.0.weight", "layers.1.weight", "layers.2.weight"], layers.Select(l => l.Parameter));
        Assert.Equal([10, 8, 3], layers.Select(l => l.TopK));
        Assert.All(layers, l => Assert.Equal(l.TopK, l.SingularVectorCosines.Count));
    }

    [Fact]
    public void Aligning_B_back_onto_A_makes_every_cosine_one()
    {
        // Given B = A with the first hidden layer's units permuted, and B' = A (a perfect alignment)
        using var a = TestModels.Random(Model, 3);
        using var order = tensor(Enumerable.Range(0, 20).Reverse().Select(i => (long)i).ToArray());
        using var b = a.Map((name, t) => name switch
        {
            "layers.0.weight" or "layers.0.bias" => t.index_select(0, order),
            "layers.1.weight" => t.index_select(1, order),
            _ => t.clone(),
        });
        using var aligned = a.Clone();

        // When
        var layers = WeightSimilarity.Measure(a, b, aligned);

        // Then after alignment everything agrees; before, the permuted layer's weights and singular vectors do not
        Assert.All(layers, l =>
        {
            Assert.Equal(1.0, l.WeightCosineAfter, 6);
            Assert.Equal(1.0, l.SingularVectorCosineAfter, 6);
            Assert.All(l.SingularVectorCosines, c => Assert.Equal(1.0, c, 6));
        });
        var permuted = layers.Single(l => l.Parameter == "layers.0.weight");
        Assert.True(permuted.WeightCosineBefore < 0.5, $"weight cosine before {permuted.WeightCosineBefore}");
        Assert.True(permuted.SingularVectorCosineBefore < 0.9, $"singular-vector cosine before {permuted.SingularVectorCosineBefore}");
        // The output layer's left singular vectors live in class space, which a hidden permutation does not touch.
        Assert.Equal(1.0, layers.Single(l => l.Parameter == "layers.2.weight").SingularVectorCosineBefore, 6);
    }

    [Fact]
    public void Singular_vector_signs_do_not_matter()
    {
        // Given B = −A, whose singular vectors are A's up to sign
        using var a = TestModels.Random(Model, 4);
        using var b = a.Map((_, t) => -t);

        // When
        var layers = WeightSimilarity.Measure(a, b, b);

        // Then the weights point the opposite way but the singular vectors agree
        Assert.All(layers, l =>
        {
            Assert.Equal(-1.0, l.WeightCosineAfter, 6);
            Assert.Equal(1.0, l.SingularVectorCosineAfter, 6);
        });
    }
}
