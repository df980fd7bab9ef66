using System.Globalization;
using System.Text.RegularExpressions;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Plotting;

public sealed class ReportWriterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_barrier_table_holds_mean_and_std_with_three_decimals()
    {
        // Given
        var results = SampleResults.Create();
        var summary = results.Summary.Single(s => s is { Method: "weight-matching", Split: "test" });
        var expected = SampleResults.MeanStdOf(results.Curves
            .Where(c => c is { Method: "weight-matching", Split: "test" })
            .Select(c => c.Barriers[CurveMetrics.LossBarrierVsOriginal]));

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then
        var row = markdown.Split('\n').Single(l => l.StartsWith("| weight-matching | linear | test |", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {expected.Mean:F3} ± {expected.Std:F3} |"), row);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {summary[CurveMetrics.LossBarrier].Mean:F3} ± {summary[CurveMetrics.LossBarrier].Std:F3} |"), row);
        Assert.Contains($"| {summary.Pairs} |", row);
        Assert.Contains("# sample-digits", markdown);
        Assert.Contains("uci-digits", markdown);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void The_endpoint_flag_appears_iff_a_maximum_sits_at_an_endpoint(int endpointMaxima, bool flagged)
    {
        // Given
        var results = SampleResults.Create(endpointMaxima);

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then
        Assert.Equal(flagged, markdown.Contains(ReportWriter.EndpointFlag, StringComparison.Ordinal));
        Assert.Equal(flagged, markdown.Contains("over-fitted", StringComparison.Ordinal));
    }

    [Fact]
    public void Figures_are_linked_relative_to_the_report()
    {
        // Given
        var results = SampleResults.Create();
        var figures = new[] { Path.Combine(_directory.Path, "figures", "loss-linear-test.png") };
        var report = Path.Combine(_directory.Path, "report.md");

        // When
        ReportWriter.Write(results, figures, report);

        // Then
        var links = Regex.Matches(File.ReadAllText(report), @"!\[[^\]]*\]\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["figures/loss-linear-test.png"], links);
    }

    [Fact]
    public void The_fidelity_table_and_provenance_are_reported()
    {
        // Given
        var results = SampleResults.Create();
        var agreement = results.Fidelity.Where(f => f.Method == "identity").Select(f => f.PredictionAgreement).Average();

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then
        var fidelity = markdown[markdown.IndexOf("## Fidelity", StringComparison.Ordinal)..];
        var row = fidelity.Split('\n').First(l => l.StartsWith("| identity | ", StringComparison.Ordinal));
        Assert.Contains(agreement.ToString("G3", CultureInfo.InvariantCulture) + " ±", row);
        Assert.Contains(results.Provenance.ManifestHash, markdown);
        Assert.Contains(results.Provenance.GitCommit, markdown);
        Assert.Contains("TorchSharp 0.107.0", markdown);
        Assert.Contains("train 10.0 s", markdown);
    }
}
