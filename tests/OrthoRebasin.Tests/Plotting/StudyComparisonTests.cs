using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;
using OrthoRebasin.Tests.Published;

namespace OrthoRebasin.Tests.Plotting;

public sealed class StudyComparisonTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_report_says_per_method_and_barrier_whether_the_direction_agrees_with_the_study()
    {
        // Given every catalog method; in the sample stiefel (1.08) is below identity (1.32) on every barrier, unlike the study
        var results = SampleResults.CreateFull();
        var stiefel = results.Summary.Single(s => s is { Method: "stiefel", Path: "linear", Split: "test" });
        var identity = results.Summary.Single(s => s is { Method: "identity", Path: "linear", Split: "test" });
        Assert.True(stiefel[CurveMetrics.LossBarrier].Mean < identity[CurveMetrics.LossBarrier].Mean);

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path, published: PublishedNumbersTests.Committed());

        // Then the row shows the study's 1.93 raising, this run lowering, and disagreement on all three definitions
        var row = markdown.Split('\n').Single(l => l.StartsWith("| stiefel | 1.93 |", StringComparison.Ordinal));
        Assert.Equal(3, row.Split("**no**").Length - 1);
        Assert.StartsWith("| stiefel | 1.93 | ↑ |", row, StringComparison.Ordinal);
        var agreeing = markdown.Split('\n').Single(l => l.StartsWith("| procrustes-weight | 0.47 |", StringComparison.Ordinal));
        Assert.Equal(3, agreeing.Split("| yes |").Length - 1);
        Assert.Contains("may differ", markdown, StringComparison.Ordinal);
        Assert.Contains("`uci-digits`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagnostics_table_reports_each_method_once_with_its_group_sums()
    {
        // Given
        var results = SampleResults.Create();
        var expected = results.Diagnostics.Where(d => d.Method == "weight-matching").Select(d => d.Groups.Sum(g => g.ObjectiveAfter)).Average();

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| weight-matching | ", StringComparison.Ordinal) && l.EndsWith("| 2 |", StringComparison.Ordinal) && !l.Contains("linear", StringComparison.Ordinal)).ToList();
        Assert.Contains(rows, r => r.Contains($"| {expected.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} ±", StringComparison.Ordinal));
        Assert.Contains("| weight-matching | layers.0.weight | 10 |", markdown, StringComparison.Ordinal);
    }
}
