using OrthoRebasin.Check;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Check;

public sealed class BaselineMetricsTests
{
    [Fact]
    public void Each_weight_matrix_contributes_its_weight_and_singular_vector_cosine_after_alignment()
    {
        // Given
        var results = SampleResults.Create();
        var layer = results.Diagnostics.Single(d => d.Method == "weight-matching" && d.Pair.A == 3).Layers.Single(l => l.Parameter == "layers.1.weight");

        // When
        var metrics = BaselineMetrics.Flatten(results);

        // Then two numbers per method × pair × weight matrix, and nothing of the diagnostics that is not deterministic
        var diagnostics = metrics.Keys.Where(k => k.StartsWith("diagnostics/", StringComparison.Ordinal)).ToList();
        Assert.Equal(SampleResults.Methods.Length * 2 * SampleResults.Parameters.Length * 2, diagnostics.Count);
        Assert.Equal(layer.WeightCosineAfter, metrics[$"diagnostics/weight-matching/3-4/layers.1.weight/{BaselineMetrics.WeightCosine}"]);
        Assert.Equal(layer.SingularVectorCosineAfter, metrics[$"diagnostics/weight-matching/3-4/layers.1.weight/{BaselineMetrics.SingularVectorCosine}"]);
        Assert.DoesNotContain(diagnostics, k => k.Contains("seconds", StringComparison.Ordinal));
    }
}
