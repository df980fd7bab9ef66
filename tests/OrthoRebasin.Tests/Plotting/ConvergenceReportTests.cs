using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Plotting;

public sealed class ConvergenceReportTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_method_that_stopped_at_its_cap_is_marked_not_converged_with_its_pairs_in_both_tables()
    {
        // Given results in which weight-matching did not converge for its first seed pair
        var sample = SampleResults.Create();
        var results = sample with
        {
            Diagnostics = sample.Diagnostics
                .Select(d => d.Method == "weight-matching" && d.Pair == new SeedPair(1, 2)
                    ? d with { Groups = d.Groups.Select(g => g with { Converged = false }).ToList() }
                    : d)
                .ToList(),
        };

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then its barrier rows and its diagnostics row say so, identity's do not, and one sentence explains it
        var mark = $"{ReportWriter.NotConvergedFlag} (1/2 pairs)";
        var lines = markdown.Split('\n');
        Assert.All(lines.Where(l => l.StartsWith("| weight-matching | linear |", StringComparison.Ordinal)), row => Assert.Contains(mark, row, StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("| identity |", StringComparison.Ordinal)), row => Assert.DoesNotContain(ReportWriter.NotConvergedFlag, row, StringComparison.Ordinal));
        var diagnostics = markdown[markdown.IndexOf("## Alignment diagnostics", StringComparison.Ordinal)..];
        Assert.Contains(mark, diagnostics.Split('\n').First(l => l.StartsWith("| weight-matching |", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"{ReportWriter.NotConvergedFlag}: for these seed pairs the method stopped at its iteration cap", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportWriter.ConvergenceNotRecorded, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_whose_convergence_was_recorded_and_met_carry_no_mark()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then the diagnostics say every method converged, and no flag or explanation appears
        Assert.DoesNotContain(ReportWriter.NotConvergedFlag + " (", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportWriter.ConvergenceNotRecorded, markdown, StringComparison.Ordinal);
        var diagnostics = markdown[markdown.IndexOf("## Alignment diagnostics", StringComparison.Ordinal)..];
        Assert.Contains("| yes |", diagnostics.Split('\n').First(l => l.StartsWith("| weight-matching |", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Results_that_predate_the_convergence_record_say_it_was_not_recorded()
    {
        // Given results whose iterating groups have no trace, as alignment.json files written before the record load
        var sample = SampleResults.Create();
        var results = sample with
        {
            Diagnostics = sample.Diagnostics
                .Select(d => d with { Groups = d.Groups.Select(g => g with { ObjectiveTrace = [] }).ToList() })
                .ToList(),
        };

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then they are not claimed converged: each iterating method says its convergence was not recorded
        var row = markdown.Split('\n').First(l => l.StartsWith("| weight-matching | linear | test |", StringComparison.Ordinal));
        Assert.Contains($"{ReportWriter.ConvergenceNotRecorded} (2/2 pairs)", row, StringComparison.Ordinal);
        Assert.Contains($"{ReportWriter.ConvergenceNotRecorded}: these alignments were computed before convergence was recorded", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportWriter.NotConvergedFlag + " (", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_change_of_an_iterating_method_is_reported_relative_to_its_objective()
    {
        // Given one method whose trace ends 100 → 101 in every group of every pair
        var sample = SampleResults.Create();
        var results = sample with
        {
            Diagnostics = sample.Diagnostics
                .Select(d => d with { Groups = d.Groups.Select(g => g with { ObjectiveTrace = [50, 100, 101] }).ToList() })
                .ToList(),
        };

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then the diagnostics give |101 − 100| / 101
        var diagnostics = markdown[markdown.IndexOf("## Alignment diagnostics", StringComparison.Ordinal)..];
        var row = diagnostics.Split('\n').First(l => l.StartsWith("| weight-matching |", StringComparison.Ordinal));
        Assert.Contains((1.0 / 101).ToString("G3", System.Globalization.CultureInfo.InvariantCulture) + " ±", row, StringComparison.Ordinal);
    }
}
