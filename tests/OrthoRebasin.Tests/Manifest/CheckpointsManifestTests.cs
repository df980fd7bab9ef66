using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Manifest;

// The endpoints of an experiment written as checkpoint files; positions are read off the texts below (lines from 1).
public sealed class CheckpointsManifestTests : IDisposable
{
    private const string Imported = """
        experiments:
          - id: tiny
            pipeline: tiny
            checkpoints:
              - { a: models/a.pt, b: models/b.pt }
        """;

    private readonly List<TempManifest> _manifests = [];

    public void Dispose()
    {
        foreach (var manifest in _manifests)
        {
            manifest.Dispose();
        }
    }

    [Fact]
    public void Checkpoint_pairs_bind_with_their_paths_as_written_and_resolve_next_to_experiments_yaml()
    {
        // Given a manifest whose one pair names two files that exist, and a mapping
        var manifest = WithModels(TempManifest.Edit(Imported, "    checkpoints:", "    mapping: models/mapping.yaml\n    checkpoints:"));
        File.WriteAllText(Path.Combine(manifest.Root, "models", "mapping.yaml"), "fc1.weight: layers.0.weight\n");

        // When
        var experiment = manifest.Load().Single();

        // Then
        Assert.Equal([new CheckpointPairEntry { A = "models/a.pt", B = "models/b.pt" }], experiment.Entry.Checkpoints);
        Assert.Empty(experiment.Entry.SeedPairs);
        Assert.Equal(1, experiment.Entry.PairCount);
        Assert.Equal("models/mapping.yaml", experiment.Entry.Mapping);
        Assert.Equal(Path.Combine(manifest.Root, "models", "a.pt"), experiment.FileOf("models/a.pt"));
    }

    [Fact]
    public void A_seed_experiment_hashes_without_the_checkpoint_keys()
    {
        // Given the same entry with seeds, loaded as it always was
        var seeds = Track(new TempManifest());

        // When
        var experiment = seeds.Load().Single();

        // Then the keys it does not write are left out of its hash's JSON
        var json = OrthoRebasin.IO.Json.Serialize(experiment.Entry);
        Assert.Null(experiment.Entry.Checkpoints);
        Assert.DoesNotContain("checkpoints", json, StringComparison.Ordinal);
        Assert.DoesNotContain("mapping", json, StringComparison.Ordinal);
        Assert.DoesNotContain("pair_count", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_seed_pairs_and_checkpoints_is_an_error_at_the_second_of_them()
    {
        // Given
        var manifest = WithModels(TempManifest.Edit(Imported, "    checkpoints:", "    seed_pairs: [[1, 2]]\n    checkpoints:"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 5, 5, "experiments[0] has both 'seed_pairs' (line 4, column 5) and 'checkpoints'");
        Assert.EndsWith("Remove one of them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_seed_pairs_nor_checkpoints_is_an_error_at_the_experiment()
    {
        // Given
        var manifest = Track(new TempManifest(TempManifest.Edit(TempManifest.Experiments, "    seed_pairs: [[1, 2]]", "    description: no endpoints")));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 2, 5, "experiments[0] ('tiny') names no endpoints. Add 'seed_pairs: [[1, 2]]' to train them, or 'checkpoints:");
    }

    [Theory]
    [InlineData("models/b.pt", "models/gone.pt", 5, 30, "experiments[0].checkpoints[0].b: no file 'models/gone.pt'")]
    [InlineData("models/a.pt", "a.pt", 5, 14, "experiments[0].checkpoints[0].a: no file 'a.pt'")]
    public void A_missing_checkpoint_is_an_error_where_its_path_is_written(string old, string replacement, int line, int column, string problem)
    {
        // Given
        var manifest = WithModels(TempManifest.Edit(Imported, old, replacement));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, line, column, problem);
        Assert.EndsWith("by its path relative to the folder of experiments.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mapping_file_is_an_error_where_it_is_written()
    {
        // Given
        var manifest = WithModels(TempManifest.Edit(Imported, "    checkpoints:", "    mapping: models/names.yaml\n    checkpoints:"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 4, 14, "experiments[0].mapping: no file 'models/names.yaml'");
    }

    [Fact]
    public void A_mapping_beside_seed_pairs_is_an_error_at_the_mapping()
    {
        // Given
        var manifest = Track(new TempManifest(TempManifest.Edit(TempManifest.Experiments, "    seed_pairs: [[1, 2]]", "    seed_pairs: [[1, 2]]\n    mapping: names.yaml")));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 5, 5, "experiments[0].mapping maps the names of imported checkpoints, but the experiment trains its endpoints from seed_pairs");
    }

    [Fact]
    public void A_pair_of_one_file_twice_and_a_repeated_pair_are_errors_at_the_pair()
    {
        // Given
        var same = WithModels(TempManifest.Edit(Imported, "b: models/b.pt", "b: models/../models/a.pt"));
        var repeated = WithModels(Imported + "\n      - { a: models/a.pt, b: models/b.pt }\n");

        // When
        var sameError = same.LoadFails();
        var repeatedError = repeated.LoadFails();

        // Then
        ManifestAssert.At(sameError, same.ExperimentsPath, 5, 30, "experiments[0].checkpoints[0]: a and b are the same file");
        ManifestAssert.At(repeatedError, repeated.ExperimentsPath, 6, 9, "duplicate checkpoint pair at experiments[0].checkpoints[1] (first at experiments[0].checkpoints[0], line 5, column 9)");
    }

    private TempManifest WithModels(string experiments)
    {
        var manifest = Track(new TempManifest(experiments));
        Directory.CreateDirectory(Path.Combine(manifest.Root, "models"));
        File.WriteAllBytes(Path.Combine(manifest.Root, "models", "a.pt"), [1]);
        File.WriteAllBytes(Path.Combine(manifest.Root, "models", "b.pt"), [2]);
        return manifest;
    }

    private TempManifest Track(TempManifest manifest)
    {
        _manifests.Add(manifest);
        return manifest;
    }
}
