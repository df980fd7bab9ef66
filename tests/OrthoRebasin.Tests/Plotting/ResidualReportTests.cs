using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;
using OrthoRebasin.Tests.Check;
using OrthoRebasin.Tests.Published;

namespace OrthoRebasin.Tests.Plotting;

public sealed class ResidualReportTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("quickstart-resmlp", "quickstart")]
    [InlineData("mnist-resmlp-quick", "mnist-mlp-quick")]
    [InlineData("cifar10-resmlp", "cifar10-mlp")]
    public void A_residual_experiment_is_compared_with_the_plain_mlp_of_its_data_set_and_tier(string residual, string plain)
    {
        // Given the repository's manifest
        var manifest = ManifestLoader.Load(Path.Combine(RepositoryRoot.Find(), "experiments.yaml"));

        // When
        var counterpart = PlainMlpCounterpart.Of(ManifestLoader.Select(manifest, residual), manifest);

        // Then
        Assert.Equal(plain, counterpart?.Id);
        Assert.Null(PlainMlpCounterpart.Of(ManifestLoader.Select(manifest, plain), manifest));
    }

    [Fact]
    public void The_report_sets_the_residual_barriers_beside_the_plain_mlp_s_and_reads_them()
    {
        // Given residual results (identity, weight-matching, residual-procrustes) and plain-MLP results
        var residual = SampleResults.Create(methods: ["identity", "weight-matching", "residual-procrustes"]) with
        {
            Model = "residual-mlp 64-16x2(block 16)-10",
            Architecture = "residual-mlp",
            Groups = new ResidualMlp(64, 16, 2, 16, 10).Symmetry.Groups,
        };
        var mlp = SampleResults.Create() with { ExperimentId = "quickstart" };

        // When
        var markdown = ReportWriter.Render(residual, [], _directory.Path, new PlainMlpComparison("quickstart", mlp), PublishedNumbersTests.Committed());

        // Then both models' rows are there, and the barriers are read in words
        Assert.Contains("## Residual MLP against the plain MLP (`quickstart`", markdown, StringComparison.Ordinal);
        Assert.Contains("| residual-mlp 64-16x2(block 16)-10 | residual-procrustes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| mlp | weight-matching |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Reading the barriers", markdown, StringComparison.Ordinal);
        Assert.Contains("On the plain MLP of the same data: identity", markdown, StringComparison.Ordinal);
        Assert.Contains("not applicable to residual-mlp", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_plain_mlp_s_results_the_report_says_how_to_get_them()
    {
        // Given
        var residual = SampleResults.Create(methods: ["identity", "weight-matching", "residual-procrustes"]) with
        {
            Model = "residual-mlp 64-16x2(block 16)-10",
            Architecture = "residual-mlp",
            Groups = new ResidualMlp(64, 16, 2, 16, 10).Symmetry.Groups,
        };

        // When
        var markdown = ReportWriter.Render(residual, [], _directory.Path, new PlainMlpComparison("quickstart", null), PublishedNumbersTests.Committed());

        // Then
        Assert.Contains("Not compared: the artifacts hold no results of `quickstart` yet. Run `orthorebasin run -e quickstart`", markdown, StringComparison.Ordinal);
        Assert.Contains("### Reading the barriers", markdown, StringComparison.Ordinal);
    }
}
