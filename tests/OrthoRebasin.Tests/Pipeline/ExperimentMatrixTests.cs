using System.Text.Json;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class ExperimentMatrixTests
{
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [8] }
        training: { epochs: 1 }
        methods: [{ id: identity }]
        """;

    [Fact]
    public void The_matrix_lists_the_selected_tier_in_manifest_order()
    {
        // Given a manifest with two full experiments around a quick one
        var experiments = ManifestLoader.Parse("""
            experiments:
              - { id: b-full, pipeline: tiny, tier: full, seed_pairs: [[1, 2]] }
              - { id: quick-one, pipeline: tiny, tier: quick, seed_pairs: [[1, 2]] }
              - { id: a-full, pipeline: tiny, tier: full, seed_pairs: [[3, 4]] }
            """, new Dictionary<string, string> { ["tiny"] = Recipe });

        // When the full tier is emitted as a matrix
        var json = ExperimentMatrix.ToJson(ExperimentSelection.Select(experiments, null, Tier.Full, all: false));

        // Then it is one GitHub Actions include list, in manifest order, with tier and data set
        using var document = JsonDocument.Parse(json);
        var include = document.RootElement.GetProperty("include").EnumerateArray().ToList();
        Assert.Equal(["b-full", "a-full"], include.Select(e => e.GetProperty("experiment").GetString()));
        Assert.All(include, e => Assert.Equal("full", e.GetProperty("tier").GetString()));
        Assert.All(include, e => Assert.Equal("uci-digits", e.GetProperty("dataset").GetString()));
        Assert.DoesNotContain('\n', json);
    }
}
