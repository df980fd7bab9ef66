using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class ChanceEndpointTests : IDisposable
{
    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-chance-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Theory]
    [InlineData(0.1, 10, true)]
    [InlineData(0.1135, 10, true)]
    [InlineData(0.15, 10, true)]
    [InlineData(0.151, 10, false)]
    [InlineData(0.97, 10, false)]
    [InlineData(0.55, 2, true)]
    [InlineData(0.56, 2, false)]
    public void An_accuracy_is_at_chance_up_to_one_over_the_classes_plus_the_margin(double accuracy, int classes, bool atChance) =>
        Assert.Equal(atChance, TrainingSummary.IsAtChance(accuracy, classes));

    [Fact]
    public void An_endpoint_trained_to_chance_accuracy_is_flagged_in_the_results_and_the_report()
    {
        // Given a recipe whose learning rate wrecks the models without a loss that stays exploded (Adam at 1.0)
        var recipe = new PipelineSpec
        {
            Data = new DataSpec { Dataset = "uci-digits" },
            Model = new ModelSpec { Architecture = "mlp", Options = new MlpOptions { Hidden = [32] } },
            Training = new TrainingSpec { Optimizer = OptimizerKind.Adam, Epochs = 5, LearningRate = 1.0 },
            Methods = [new MethodSpec { Id = "identity" }],
            Lambdas = 3,
        };
        var entry = new ExperimentEntry { Id = "chance", Pipeline = "none", SeedPairs = [[1, 2]] };
        using var pipeline = new ExperimentPipeline(new Experiment(entry, recipe, "none"), new RunSettings(_artifacts));

        // When it runs and is reported
        var results = pipeline.Run();
        var markdown = ReportWriter.Render(results, [], _artifacts);

        // Then both endpoints are at chance (one class in ten, give or take the test split's class balance) and flagged
        Assert.All(results.Training, t =>
        {
            Assert.True(t.TestAccuracy <= 0.15, $"seed {t.Seed}: accuracy {t.TestAccuracy}");
            Assert.True(t.AtChance, $"seed {t.Seed} not flagged");
        });
        var endpoints = markdown[markdown.IndexOf("## Endpoints", StringComparison.Ordinal)..markdown.IndexOf("## Barriers", StringComparison.Ordinal)];
        Assert.Equal(2, endpoints.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(ReportWriter.ChanceFlag, StringComparison.Ordinal)));
        Assert.Contains($"{ReportWriter.ChanceFlag}: the endpoint's test accuracy is at most 1/classes + 0.05", endpoints, StringComparison.Ordinal);
    }
}
