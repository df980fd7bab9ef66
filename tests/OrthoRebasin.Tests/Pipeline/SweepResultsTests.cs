using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class SweepResultsTests : IDisposable
{
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [8] }
        training: { epochs: 1 }
        methods: [{ id: identity }]
        lambdas: 3
        evaluation: { train_subset: 100 }
        """;

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-sweep-results-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void Gather_records_the_sweep_point_in_the_results_and_sets_it_on_cached_results_without_assembling_them_again()
    {
        // Given the first point of a sweep over the hidden layers
        var experiments = ManifestLoader.Parse(
            "experiments: [{ id: swept, pipeline: tiny, seed_pairs: [[1, 2]], sweep: { model.hidden: [[8], [16]] } }]",
            new Dictionary<string, string> { ["tiny"] = Recipe });
        var point = experiments[0];
        Assert.Equal("swept.hidden-8", point.Id);

        // When it is gathered, then gathered again as if it were no sweep point (results gathered before they recorded
        // the point are read the same way), then again as the point
        var first = Gather(point);
        var outside = Gather(point with { Sweep = null });
        var outsideJson = File.ReadAllText(Path.Combine(_artifacts, point.Id, "results.json"));
        var again = Gather(point);

        // Then the results hold the point, results.json has it only when the experiment is one, and the cached results
        // were not assembled again (the provenance is the first run's)
        Assert.Equal("swept", first.Sweep!.Parent);
        Assert.Equal([new SweepValue("model.hidden", "[8]")], first.Sweep.Coordinates);
        Assert.Null(outside.Sweep);
        Assert.DoesNotContain("\"sweep\"", outsideJson, StringComparison.Ordinal);
        Assert.True(first.Sweep.SamePoint(again.Sweep));
        Assert.True(first.Sweep.SamePoint(Json.Read<ExperimentResults>(Path.Combine(_artifacts, point.Id, "results.json")).Sweep));
        Assert.Equal(first.Provenance.StartedAt, outside.Provenance.StartedAt);
        Assert.Equal(first.Provenance.StartedAt, again.Provenance.StartedAt);
    }

    private ExperimentResults Gather(Experiment experiment)
    {
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts, Threads: 1));
        return pipeline.Gather();
    }
}
