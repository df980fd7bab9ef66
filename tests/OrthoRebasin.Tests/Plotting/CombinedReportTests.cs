using OrthoRebasin.Evaluation;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;
using OrthoRebasin.Tests.Published;

namespace OrthoRebasin.Tests.Plotting;

public sealed class CombinedReportTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_study_comparison_gives_each_method_a_verdict_from_the_barrier_that_charges_the_damage()
    {
        // Given every catalog method; in the sample stiefel is below identity (the study has it above), procrustes-weight below (as the study)
        var results = SampleResults.CreateFull();

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path, published: PublishedNumbersTests.Committed());

        // Then
        var lines = markdown.Split('\n');
        Assert.EndsWith("| **opposite to the study** |", Row(lines, "| stiefel | 1.93 |"), StringComparison.Ordinal);
        Assert.EndsWith("| same as the study |", Row(lines, "| procrustes-weight | 0.47 |"), StringComparison.Ordinal);
        Assert.EndsWith("| lowers the barrier (not in the study) |", Row(lines, "| weight-matching | — |"), StringComparison.Ordinal);
        Assert.EndsWith("| reference |", Row(lines, "| identity | 0.90 |"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_combined_report_puts_every_experiment_in_a_column_and_every_method_in_a_row()
    {
        // Given two experiments; the second has one seed pair and no procrustes-weight
        var first = SampleResults.CreateFull() with { ExperimentId = "cifar10-mlp" };
        var onePair = SampleResults.CreateFull();
        var second = onePair with
        {
            ExperimentId = "mnist-mlp",
            Curves = onePair.Curves.Where(c => c.Pair == new SeedPair(1, 2) && c.Method != "procrustes-weight").ToList(),
            Summary = OrthoRebasin.Evaluation.Barriers.SummarizeCurves(onePair.Curves.Where(c => c.Pair == new SeedPair(1, 2) && c.Method != "procrustes-weight").ToList()),
        };

        // When
        var lines = ReportWriter.RenderCombined([first, second], PublishedNumbersTests.Committed()).Split('\n');

        // Then each grid has one column per experiment, a dash where a method did not run, and a bare value for one pair
        var grid = Section(lines, "## `loss_barrier_vs_original`, linear path");
        Assert.Contains("| method | cifar10-mlp | mnist-mlp |", grid);
        var identity = first.Summary.Single(s => s is { Method: "identity", Path: "linear", Split: "test" })[CurveMetrics.LossBarrierVsOriginal];
        var identityRow = Row(grid, "| identity | ");
        Assert.Contains($"{identity.Mean:F3} ± {identity.Std:F3}", identityRow, StringComparison.Ordinal);
        Assert.EndsWith($"| {second.Summary.Single(s => s is { Method: "identity", Path: "linear", Split: "test" })[CurveMetrics.LossBarrierVsOriginal].Mean:F3} |", identityRow, StringComparison.Ordinal);
        Assert.EndsWith("| — |", Row(grid, "| procrustes-weight | "), StringComparison.Ordinal);
        // and the directions table reads the study's direction against each experiment's
        Assert.Equal("| stiefel | 1.93 ↑ | ↓ **opposite** | ↓ **opposite** |", Row(lines, "| stiefel | 1.93"));
        Assert.Equal("| procrustes-weight | 0.47 ↓ | ↓ same | — |", Row(lines, "| procrustes-weight | 0.47"));
    }

    [Fact]
    public void The_reports_show_where_early_stopping_kept_each_endpoint()
    {
        // Given
        var results = SampleResults.Create() with
        {
            Training =
            [
                new TrainingSummary { Seed = 1, EpochsRun = 7, KeptEpoch = 5, ValidationLoss = 1.3512, TestLoss = 1.36, TestAccuracy = 0.5231, Seconds = 30.2 },
                new TrainingSummary { Seed = 2, EpochsRun = 8, KeptEpoch = 6, ValidationLoss = 1.3477, TestLoss = 1.35, TestAccuracy = 0.5269, Seconds = 33.9 },
            ],
        };

        // When
        var single = ReportWriter.Render(results, [], _directory.Path, published: PublishedNumbersTests.Committed()).Split('\n');
        var combined = ReportWriter.RenderCombined([results], PublishedNumbersTests.Committed()).Split('\n');

        // Then
        Assert.Contains("| 1 | 7 | 5 | 1.351 | 1.360 | 0.5231 | 30.2 |  |", single);
        Assert.Contains("| 0.525 ± 0.003 | 5/7, 6/8 |", Row(combined, $"| {results.ExperimentId} | "), StringComparison.Ordinal);
    }

    /// <summary>The lines from the heading that starts with <paramref name="heading"/> to the next heading.</summary>
    private static List<string> Section(IEnumerable<string> lines, string heading) =>
        lines.SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();

    private static string Row(IEnumerable<string> lines, string start) =>
        lines.Single(l => l.StartsWith(start, StringComparison.Ordinal)).TrimEnd('\r');
}
