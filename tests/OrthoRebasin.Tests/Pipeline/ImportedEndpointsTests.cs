using OrthoRebasin.Evaluation;
using OrthoRebasin.Import;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Tests.Import;
using OrthoRebasin.Tests.Manifest;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>An experiment whose endpoints are two committed PyTorch checkpoints, named in experiments.yaml instead of trained.</summary>
public sealed class ImportedEndpointsTests : IDisposable
{
    // The fixtures' model (64 inputs, two hidden layers of 32, 10 classes) on the digits, whose images have 64 pixels.
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [32, 32] }
        training: { epochs: 1 }
        methods: [{ id: identity }, { id: weight-matching }]
        lambdas: 5
        evaluation: { train_subset: 300 }
        """;

    private const string Experiments = """
        experiments:
          - id: imported
            pipeline: tiny
            checkpoints:
              - { a: models/a.pt, b: models/b.pt }
        """;

    private readonly TempManifest _manifest = new(Experiments, Recipe);

    public ImportedEndpointsTests()
    {
        Directory.CreateDirectory(Path.Combine(_manifest.Root, "models"));
        File.Copy(PyTorchFixtures.Path("mlp_sequential_seed1.pt"), ModelPath("a.pt"));
        File.Copy(PyTorchFixtures.Path("mlp_sequential_seed2.pt"), ModelPath("b.pt"));
    }

    private string Artifacts => Path.Combine(_manifest.Root, "artifacts");

    public void Dispose() => _manifest.Dispose();

    [Fact]
    public void Checkpoints_named_in_the_manifest_are_imported_aligned_and_interpolated_and_their_identity_curve_ends_at_their_own_evaluation()
    {
        // Given the manifest naming the two fixtures
        var experiment = _manifest.Load().Single();

        // When it runs
        var (results, units) = Run(experiment);

        // Then both endpoints were imported, numbered in the order written, and the pair is named by their numbers
        Assert.Equal(["import 1 (models/a.pt)", "import 2 (models/b.pt)"], units.Where(u => u.Stage == "train").Select(u => u.Unit));
        Assert.All(units, u => Assert.False(u.Cached));
        Assert.Equal(["models/a.pt", "models/b.pt"], results.Training.Select(t => t.Checkpoint));
        Assert.All(results.Curves, c => Assert.Equal("1-2", c.Pair.ToString()));
        Assert.Equal(["identity", "weight-matching"], results.Curves.Select(c => c.Method).Distinct().Order(StringComparer.Ordinal));

        // and the identity path starts at A's and ends at B's own evaluation, as the importer computes it
        using var data = Data(experiment);
        using var a = CheckpointImport.Load(ModelPath("a.pt"), data.Architecture);
        using var b = CheckpointImport.Load(ModelPath("b.pt"), data.Architecture);
        var own = new[] { a, b }.Select(m => Evaluator.Evaluate(data.Architecture, m.Parameters, data.Test)).ToList();
        var identity = results.Curves.Single(c => c.Method == "identity" && c.Path == "linear" && c.Split == "test");
        Assert.Equal(own[0].Loss, identity.Loss[0], 1e-6);
        Assert.Equal(own[1].Loss, identity.Loss[^1], 1e-6);
        Assert.Equal(own[0].Accuracy, identity.Accuracy[0], 1e-9);
        Assert.Equal(own[1].Accuracy, identity.Accuracy[^1], 1e-9);
        Assert.Equal(own[1].Loss, identity.OriginalBLoss, 1e-6);
        Assert.Equal(own.Select(e => e.Loss), results.Training.Select(t => t.TestLoss));

        // and weight matching, which is exact, kept B's function
        var fidelity = results.Fidelity.Single(f => f.Method == "weight-matching");
        Assert.Equal(1.0, fidelity.PredictionAgreement);
    }

    [Fact]
    public void A_rerun_reuses_the_imported_models_and_a_changed_file_is_imported_again()
    {
        // Given an experiment that has run once
        var experiment = _manifest.Load().Single();
        Run(experiment);

        // When it runs again with the files unchanged
        var (_, again) = Run(experiment);

        // Then every unit is reused
        Assert.All(again, u => Assert.True(u.Cached, $"{u.Stage} {u.Unit} was computed again"));

        // When B's file is replaced by another checkpoint and it runs a third time
        File.Copy(PyTorchFixtures.Path("mlp_named_fc.pt"), ModelPath("b.pt"), overwrite: true);
        var (results, third) = Run(experiment);

        // Then A is reused, B is imported again, and the pair is aligned and interpolated again
        Assert.True(third.Single(u => u.Unit == "import 1 (models/a.pt)").Cached);
        Assert.False(third.Single(u => u.Unit == "import 2 (models/b.pt)").Cached);
        Assert.All(third.Where(u => u.Stage is "align" or "interpolate"), u => Assert.False(u.Cached));
        Assert.Equal(2, results.Training.Count);
    }

    [Fact]
    public void The_alignment_seed_of_an_imported_pair_follows_the_files_contents_and_which_is_a()
    {
        // Given the SHA-256 of two files
        const string a = "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4";
        const string b = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

        // When
        var seed = ExperimentPipeline.ImportedAlignmentSeed(a, b);

        // Then it is non-negative, the same every time, and another for the pair swapped
        Assert.InRange(seed, 0, int.MaxValue);
        Assert.Equal(seed, ExperimentPipeline.ImportedAlignmentSeed(a, b));
        Assert.NotEqual(seed, ExperimentPipeline.ImportedAlignmentSeed(b, a));
    }

    private (Results.ExperimentResults Results, List<(string Stage, string Unit, bool Cached)> Units) Run(Experiment experiment)
    {
        var observer = new RecordingObserver();
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(Artifacts), observer);
        var results = pipeline.Run();
        return (results, observer.Units);
    }

    private static LoadedData Data(Experiment experiment) => LoadedData.Load(experiment.Recipe, new RunSettings("unused"), CPU);

    private string ModelPath(string name) => Path.Combine(_manifest.Root, "models", name);

    private sealed class RecordingObserver : IPipelineObserver
    {
        public List<(string Stage, string Unit, bool Cached)> Units { get; } = [];

        public void UnitFinished(string stage, string unit, double seconds, bool cached)
        {
            if (stage != "gather")
            {
                Units.Add((stage, unit, cached));
            }
        }

        public void Message(string text)
        {
        }
    }
}
