using OrthoRebasin.Check;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>
/// The quick tier's regression check on the embedded data: each quickstart, run from scratch, against its recorded
/// baseline within the tolerances beside it, and what its model must show.
/// </summary>
public sealed class QuickstartRegressionTests : IDisposable
{
    // What each quickstart must show beyond matching its baseline.
    private static readonly Dictionary<string, Action<Experiment, ExperimentResults>> Shows = new()
    {
        ["quickstart"] = (experiment, results) =>
        {
            PermutationMethodsLowerTheBarrier(experiment, results);
            SignDrawsSpreadSvdWeight(experiment, results);
        },
        ["quickstart-resmlp"] = EveryMethodKeepsBsPredictions,
    };

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Theory]
    [InlineData("quickstart")]
    [InlineData("quickstart-resmlp")]
    public void A_quickstart_matches_its_baseline_and_shows_what_its_model_must(string id)
    {
        // Given the repository's manifest and the experiment's recorded baseline
        var root = RepositoryRoot.Find();
        var experiment = ManifestLoader.LoadOne(Path.Combine(root, "experiments.yaml"), id);
        var baseline = Path.Combine(root, "tests", "baselines", $"{id}.json");

        // When the whole pipeline runs from empty artifacts
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var results = pipeline.Run();
        var outcome = RegressionCheck.Compare(results, baseline);

        // Then every checked number is within tolerance of the baseline, no endpoint is at chance, and the model shows what it must
        Assert.True(outcome.Passed, RegressionCheck.Describe(outcome));
        Assert.All(results.Training, t => Assert.False(t.AtChance, $"seed {t.Seed}: test accuracy {t.TestAccuracy}"));
        Shows[id](experiment, results);
    }

    [Fact]
    public void A_recipe_built_in_code_with_a_method_the_model_cannot_take_fails_before_aligning_with_the_reason()
    {
        // Given a residual MLP recipe built in code (so no manifest check ran) that names procrustes-weight
        var recipe = new PipelineSpec
        {
            Data = new DataSpec { Dataset = "uci-digits" },
            Model = new ModelSpec { Architecture = "residual-mlp", Options = new ResidualMlpOptions { Width = 8, Blocks = 1, BlockHidden = 8 } },
            Training = new TrainingSpec { Epochs = 1 },
            Methods = [new MethodSpec { Id = "procrustes-weight" }],
        };
        var entry = new ExperimentEntry { Id = "guard", Pipeline = "none", SeedPairs = [[1, 2]] };
        using var pipeline = new ExperimentPipeline(new Experiment(entry, recipe, "none"), new RunSettings(_artifacts));

        // When
        var error = Assert.Throws<UserErrorException>(() => pipeline.Align());

        // Then
        Assert.Contains("method 'procrustes-weight' cannot run on model 'residual-mlp'", error.Message, StringComparison.Ordinal);
    }

    // The MLP: both permutation methods lower the test loss barrier below identity's, as Git Re-Basin reports.
    /// <summary>
    /// svd-weight's barrier depends on its singular vectors' signs: the recipe's random draws are all there, for every
    /// path and split of the canonical result, and they spread (a draw that changed nothing would have no spread).
    /// </summary>
    private static void SignDrawsSpreadSvdWeight(Experiment experiment, ExperimentResults results)
    {
        var canonical = results.Summary.Where(s => s.Method == "svd-weight").ToList();
        Assert.NotEmpty(canonical);
        Assert.Equal(canonical.Count, results.ConventionSpread.Count);
        Assert.All(results.ConventionSpread, spread =>
        {
            Assert.Equal("svd-weight", spread.Method);
            Assert.Equal(experiment.Recipe.ConventionDraws, spread.Draws);
            Assert.Equal(experiment.Entry.SeedPairs.Count, spread.Pairs);
            Assert.True(spread.Max[CurveMetrics.LossBarrier] > spread.Min[CurveMetrics.LossBarrier] + 0.1, $"{spread.Path}/{spread.Split}: sign draws did not move the barrier");
        });
        Assert.Equal(canonical.Count * experiment.Recipe.ConventionDraws * experiment.Entry.SeedPairs.Count, results.ConventionCurves.Count);
    }

    private static void PermutationMethodsLowerTheBarrier(Experiment experiment, ExperimentResults results)
    {
        double Barrier(string method) => results.Summary.Single(s => s.Method == method && s.Path == "linear" && s.Split == "test")[CurveMetrics.LossBarrier].Mean;
        Assert.True(Barrier("weight-matching") < Barrier("identity"), $"weight matching {Barrier("weight-matching")} vs identity {Barrier("identity")}");
        Assert.True(Barrier("activation-matching") < Barrier("identity"), $"activation matching {Barrier("activation-matching")} vs identity {Barrier("identity")}");
    }

    // The residual MLP: every method, the stream's rotation included, is exact, so B' predicts B's class on every test sample.
    private static void EveryMethodKeepsBsPredictions(Experiment experiment, ExperimentResults results)
    {
        Assert.All(results.Fidelity, f => Assert.Equal(1.0, f.PredictionAgreement));
        Assert.Equal(experiment.Recipe.Methods.Count * experiment.Entry.SeedPairs.Count, results.Fidelity.Count);
    }
}
