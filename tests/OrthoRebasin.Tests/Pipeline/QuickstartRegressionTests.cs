using OrthoRebasin.Check;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>The quick tier's regression check: the quickstart, run from scratch, against its recorded baseline.</summary>
public sealed class QuickstartRegressionTests : IDisposable
{
    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void Quickstart_matches_its_baseline_and_matching_lowers_the_barrier()
    {
        // Given the repository's manifest and the quickstart's recorded baseline
        var root = RepositoryRoot.Find();
        var experiment = ManifestLoader.LoadOne(Path.Combine(root, "experiments.yaml"), "quickstart");
        var baseline = Path.Combine(root, "tests", "baselines", "quickstart.json");

        // When the whole pipeline runs from empty artifacts
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var results = pipeline.Run();
        var outcome = RegressionCheck.Compare(results, baseline);

        // Then every checked number is within the manifest's tolerance of the baseline
        Assert.True(outcome.Passed, RegressionCheck.Describe(outcome));

        // And both permutation methods lower the test loss barrier below identity's, as Git Re-Basin reports
        double Barrier(string method) => results.Summary.Single(s => s.Method == method && s.Path == "linear" && s.Split == "test").LossBarrier.Mean;
        Assert.True(Barrier("weight-matching") < Barrier("identity"), $"weight matching {Barrier("weight-matching")} vs identity {Barrier("identity")}");
        Assert.True(Barrier("activation-matching") < Barrier("identity"), $"activation matching {Barrier("activation-matching")} vs identity {Barrier("identity")}");
    }
}
