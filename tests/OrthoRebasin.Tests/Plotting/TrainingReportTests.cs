using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Plotting;

public sealed class TrainingReportTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_endpoints_table_flags_only_an_endpoint_at_chance(bool oneAtChance)
    {
        // Given two trained endpoints, the second at chance or not
        var results = SampleResults.Create() with
        {
            Training = [Endpoint(1, 0.97, atChance: false), Endpoint(2, oneAtChance ? 0.1 : 0.96, atChance: oneAtChance)],
        };

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path);

        // Then only the endpoint at chance carries the flag, and the explanation appears with it
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 2 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(ReportWriter.ChanceFlag, rows[0], StringComparison.Ordinal);
        Assert.Equal(oneAtChance, rows[1].Contains(ReportWriter.ChanceFlag, StringComparison.Ordinal));
        Assert.Equal(oneAtChance, markdown.Contains("no better than guessing", StringComparison.Ordinal));
    }

    private static TrainingSummary Endpoint(int seed, double accuracy, bool atChance) => new()
    {
        Seed = seed,
        EpochsRun = 20,
        KeptEpoch = 20,
        ValidationLoss = double.NaN,
        TestLoss = 0.1,
        TestAccuracy = accuracy,
        Seconds = 1.0,
        AtChance = atChance,
    };
}
