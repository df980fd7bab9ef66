using OrthoRebasin.Check;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>The residual quickstart, run from scratch, against its recorded baseline; every method on it must be exact.</summary>
public sealed class ResidualQuickstartRegressionTests : IDisposable
{
    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-quickstart-resmlp-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void Quickstart_resmlp_matches_its_baseline_and_every_method_keeps_B_s_predictions()
    {
        // Given the repository's manifest and the residual quickstart's recorded baseline
        var root = RepositoryRoot.Find();
        var experiment = ManifestLoader.LoadOne(Path.Combine(root, "experiments.yaml"), "quickstart-resmlp");
        var baseline = Path.Combine(root, "tests", "baselines", "quickstart-resmlp.json");

        // When the whole pipeline runs from empty artifacts
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var results = pipeline.Run();
        var outcome = RegressionCheck.Compare(results, baseline);

        // Then every checked number is within tolerance, and every method (the stream's rotation included) is an exact
        // symmetry here: B' predicts what B predicts on every test sample, for every seed pair
        Assert.True(outcome.Passed, RegressionCheck.Describe(outcome));
        Assert.All(results.Fidelity, f => Assert.Equal(1.0, f.PredictionAgreement));
        Assert.Equal(experiment.Recipe.Methods.Count * experiment.Entry.SeedPairs.Count, results.Fidelity.Count);
    }

    [Fact]
    public void A_recipe_built_in_code_with_a_method_the_model_cannot_take_fails_before_aligning_with_the_reason()
    {
        // Given a residual MLP recipe built in code (so no manifest check ran) that names procrustes-weight
        var recipe = new PipelineSpec
        {
            Data = new DataSpec { Dataset = "uci-digits" },
            Model = new ModelSpec { Architecture = "residual-mlp", Width = 8, Blocks = 1, BlockHidden = 8 },
            Training = new TrainingSpec { Epochs = 1 },
            Methods = [new MethodSpec { Id = "procrustes-weight" }],
        };
        var entry = new ExperimentEntry { Id = "guard", Pipeline = "none", SeedPairs = [[1, 2]] };
        using var pipeline = new ExperimentPipeline(new Experiment(entry, recipe, "none"), new RunSettings(_artifacts));

        // When
        var error = Assert.Throws<ArgumentException>(() => pipeline.Align());

        // Then
        Assert.Contains("Method 'procrustes-weight' cannot run on model 'residual-mlp'", error.Message, StringComparison.Ordinal);
    }
}
