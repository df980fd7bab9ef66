using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Tests.Manifest;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>End to end: a run never trusts a damaged unit or an edited result, and two runs of one experiment never interleave.</summary>
public sealed class CachedUnitTrustTests : IDisposable
{
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [16] }
        training: { epochs: 2 }
        methods:
          - id: identity
          - id: weight-matching
        lambdas: 5
        evaluation: { train_subset: 200 }
        """;

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-trust-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void A_flipped_byte_in_a_cached_model_and_an_edited_results_file_do_not_survive_a_run()
    {
        // Given a finished run and its results
        using var manifest = new TempManifest(TempManifest.Experiments, Recipe);
        var experiment = manifest.Load()[0];
        var clean = Run(experiment, out _);

        // When a cached model loses one low mantissa bit and results.json is edited by hand, and the experiment runs again
        var model = Directory.GetFiles(Path.Combine(_artifacts, "tiny", "train"), "model.safetensors", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(model);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(model, bytes);
        var results = Path.Combine(_artifacts, "tiny", "results.json");
        File.WriteAllText(results, File.ReadAllText(results).Replace("\"loss_barrier\": 0", "\"loss_barrier\": 9", StringComparison.Ordinal));
        var again = Run(experiment, out var messages);

        // Then the model was reported and retrained, and the results are the clean run's, bit for bit
        Assert.Contains(messages, m => m.Contains(Path.GetDirectoryName(model)!, StringComparison.Ordinal) && m.Contains("failed verification", StringComparison.Ordinal));
        Assert.Equal(clean, again);

        // And an edited results.json alone, with every unit intact, is assembled again from the units
        File.WriteAllText(results, File.ReadAllText(results).Replace("\"loss_barrier\": 0", "\"loss_barrier\": 9", StringComparison.Ordinal));
        Assert.NotEqual(clean, Snapshot());
        var third = Run(experiment, out var thirdMessages);
        Assert.Equal(clean, third);
        Assert.Contains(thirdMessages, m => m.Contains("results.json does not match its recorded SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_run_of_a_running_experiment_stops_before_touching_its_folder()
    {
        // Given a run in progress (its pipeline holds the experiment's lock)
        using var manifest = new TempManifest(TempManifest.Experiments, Recipe);
        var experiment = manifest.Load()[0];
        using var first = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var partial = Path.Combine(_artifacts, "tiny", "train", "seed-1-abc.partial-live");
        Directory.CreateDirectory(partial);

        // When a second run of the same experiment starts
        var error = Assert.Throws<UserErrorException>(() => new ExperimentPipeline(experiment, new RunSettings(_artifacts)));

        // Then it names the holder and leaves the live run's partial folder alone
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(partial));
    }

    [Fact]
    public void Networks_trained_before_their_architecture_s_numerics_changed_are_trained_again_and_later_reused()
    {
        // Given a finished run of a model whose entry has no numerics revision
        var recipe = Recipe.Replace("architecture: mlp", "architecture: toy-mlp", StringComparison.Ordinal);
        var before = TrainFolders(recipe, revision: null, out var cachedBefore);

        // When the entry gains a revision (its code now computes different floats) and the experiment runs again, twice
        var after = TrainFolders(recipe, revision: "toy-layout", out var cachedAfter);
        var again = TrainFolders(recipe, revision: "toy-layout", out var cachedAgain);

        // Then the second run trained both networks again into new unit folders, and the third reused those
        Assert.Equal([false, false], cachedBefore);
        Assert.Equal([false, false], cachedAfter);
        Assert.Equal(2, before.Length);
        Assert.Equal(4, after.Length);
        Assert.Subset(after.ToHashSet(), before.ToHashSet());
        Assert.Equal([true, true], cachedAgain);
        Assert.Equal(after, again);
    }

    private string[] TrainFolders(string recipe, string? revision, out List<bool> cached)
    {
        var entry = ModelEntry.Of<MlpOptions>("toy-mlp", "an mlp under another id", (o, shape, classes) => new Mlp(shape.Size, o.Hidden, classes)) with { NumericsRevision = revision };
        using var scope = Architectures.Registry.Scope(entry);
        using var manifest = new TempManifest(TempManifest.Experiments, recipe);
        var observer = new RecordingObserver();
        using (var pipeline = new ExperimentPipeline(manifest.Load()[0], new RunSettings(_artifacts, Threads: 1), observer))
        {
            pipeline.Run();
        }

        cached = observer.TrainCached;
        return [.. Directory.GetDirectories(Path.Combine(_artifacts, "tiny", "train")).Order(StringComparer.Ordinal)];
    }

    private string Run(Experiment experiment, out List<string> messages)
    {
        var observer = new RecordingObserver();
        using (var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts, Threads: 1), observer))
        {
            pipeline.Run();
        }

        messages = observer.Messages;
        return Snapshot();
    }

    private string Snapshot()
    {
        // Everything but the seconds and provenance: the curves, their metrics and summaries, and results.csv.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_artifacts, "tiny", "results.json")))!;
        return File.ReadAllText(Path.Combine(_artifacts, "tiny", "results.csv")) + json["curves"]!.ToJsonString() + json["summary"]!.ToJsonString();
    }

    private sealed class RecordingObserver : IPipelineObserver
    {
        public List<string> Messages { get; } = [];

        public List<bool> TrainCached { get; } = [];

        public void UnitFinished(string stage, string unit, double seconds, bool cached)
        {
            if (stage == "train")
            {
                TrainCached.Add(cached);
            }
        }

        public void Message(string text) => Messages.Add(text);
    }
}
