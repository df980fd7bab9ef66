using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;

namespace OrthoRebasin.Tests.Manifest;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void The_repository_manifest_loads_with_quickstart_first()
    {
        // Given
        var path = Path.Combine(RepositoryRoot.Find(), "experiments.yaml");

        // When
        var experiments = ManifestLoader.Load(path);

        // Then
        var quickstart = experiments[0];
        Assert.Equal("quickstart", quickstart.Id);
        Assert.Equal(Tier.Quick, quickstart.Entry.Tier);
        Assert.Equal(Path.Combine(RepositoryRoot.Find(), "pipelines", "digits-mlp.yaml"), quickstart.RecipePath);
        Assert.Equal("uci-digits", quickstart.Recipe.Data.Dataset);
        // The quickstart runs every built-in method an mlp can take on every path, each with its own options record (toy
        // methods other tests register are not built in).
        var groups = new Mlp(64, [128, 128, 128], 10).Symmetry.Groups;
        Assert.Equal(
            AlignmentMethods.Registry.Entries.Where(m => !m.Id.StartsWith("toy-", StringComparison.Ordinal) && MethodCompatibility.WhyNot(m, groups, "mlp") is null).Select(m => m.Id),
            quickstart.Recipe.Methods.Select(m => m.Id));
        Assert.Equal(InterpolationPaths.Registry.Entries.Select(p => p.Id).Where(p => !p.StartsWith("toy-", StringComparison.Ordinal)), quickstart.Recipe.Paths.Select(p => p.Id).Distinct());
        // and each correction after interpolation, so its report answers whether renormalisation rescues the orthogonal methods
        Assert.Equal(["linear", "slerp", "linear-repair", "linear-rescale", "linear-reshift", "slerp-repair"], quickstart.Recipe.Paths.Select(p => p.Label));
        Assert.All(quickstart.Recipe.Methods, m => Assert.IsType(AlignmentMethods.Registry.Get(m.Id).OptionsType, m.Options));
        Assert.IsType<WeightMatchingOptions>(quickstart.Recipe.Methods[1].Options);
        Assert.IsType<ActivationMatchingOptions>(quickstart.Recipe.Methods[2].Options);
    }

    [Fact]
    public void Every_key_of_a_recipe_binds_to_its_record()
    {
        // Given
        using var manifest = new TempManifest(recipe: """
            data: { dataset: uci-digits }
            model: { architecture: mlp, hidden: [16, 32] }
            training: { optimizer: sgd, epochs: 3, batch_size: 32, learning_rate: 0.05, momentum: 0.5, weight_decay: 1e-4 }
            methods:
              - id: activation-matching
                options: { activations: pre, center: true }
            paths: [{ id: linear }]
            lambdas: 11
            evaluation: { train_subset: 300 }
            """);

        // When
        var recipe = manifest.Load()[0].Recipe;

        // Then
        Assert.Equal([16, 32], Assert.IsType<MlpOptions>(recipe.Model.Options).Hidden);
        Assert.Equal(
            new TrainingSpec { Optimizer = OptimizerKind.Sgd, Epochs = 3, BatchSize = 32, LearningRate = 0.05, Momentum = 0.5, WeightDecay = 1e-4 },
            recipe.Training);
        Assert.Equal(new ActivationMatchingOptions { Activations = ActivationKind.Pre, Center = true }, recipe.Methods[0].Options);
        Assert.Equal(["linear"], recipe.Paths.Select(p => p.Id));
        Assert.Equal(11, recipe.Lambdas);
        Assert.Equal(300, recipe.Evaluation.TrainSubset);
    }

    [Fact]
    public void Overrides_merge_mappings_key_by_key_and_replace_sequences()
    {
        // Given
        using var manifest = new TempManifest(experiments: """
            experiments:
              - id: tiny
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides:
                  training: { epochs: 7 }
                  model: { hidden: [4] }
                  methods: [{ id: identity }]
            """);

        // When
        var recipe = manifest.Load()[0].Recipe;

        // Then
        Assert.Equal(7, recipe.Training.Epochs);
        Assert.Equal(OptimizerKind.Adam, recipe.Training.Optimizer);
        Assert.Equal("mlp", recipe.Model.Architecture);
        Assert.Equal([4], Assert.IsType<MlpOptions>(recipe.Model.Options).Hidden);
        Assert.Equal(["identity"], recipe.Methods.Select(m => m.Id));
    }

    [Fact]
    public void Overrides_change_only_their_own_experiment()
    {
        // Given
        using var manifest = new TempManifest(experiments: """
            experiments:
              - id: short
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides: { training: { epochs: 1 } }
              - id: plain
                pipeline: tiny
                seed_pairs: [[1, 2]]
            """);

        // When
        var experiments = manifest.Load();

        // Then
        Assert.Equal([1, 2], experiments.Select(e => e.Recipe.Training.Epochs));
    }

    [Fact]
    public void An_error_inside_an_override_points_into_experiments_yaml()
    {
        // Given
        using var manifest = new TempManifest(experiments: """
            experiments:
              - id: tiny
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides:
                  training: { epoch: 5 }
            """);

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 6, 19, "unknown key 'epoch' in training");
    }

    [Fact]
    public void A_missing_key_of_a_merged_mapping_points_at_the_recipe()
    {
        // Given
        using var manifest = new TempManifest(
            experiments: TempManifest.Edit(TempManifest.Experiments, "seed_pairs: [[1, 2]]", "seed_pairs: [[1, 2]]\n    overrides: { training: { optimizer: sgd } }"),
            recipe: TempManifest.Edit(TempManifest.Recipe, "  epochs: 2\n", ""));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 7, 3, "missing required key 'epochs' in training");
    }

    [Fact]
    public void LoadOne_returns_the_named_experiment()
    {
        // Given
        using var manifest = new TempManifest(experiments: TempManifest.Experiments + "\n  - { id: other, pipeline: tiny, seed_pairs: [[5, 6]] }");

        // When
        var experiment = ManifestLoader.LoadOne(manifest.ExperimentsPath, "other");

        // Then
        Assert.Equal([[5, 6]], experiment.Entry.SeedPairs);
    }

    [Fact]
    public void LoadOne_of_an_unknown_id_lists_the_ids()
    {
        // Given
        using var manifest = new TempManifest();

        // When
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.LoadOne(manifest.ExperimentsPath, "tinny"));

        // Then
        Assert.Equal(manifest.ExperimentsPath, error.File);
        Assert.Equal($"{manifest.ExperimentsPath}: no experiment 'tinny'; experiments: tiny. Did you mean 'tiny'?", error.Message);
    }

    [Fact]
    public void Parse_reads_experiments_and_recipes_from_text()
    {
        // Given
        var pipelines = new Dictionary<string, string> { ["tiny"] = TempManifest.Recipe };

        // When
        var experiment = ManifestLoader.Parse(TempManifest.Experiments, pipelines).Single();

        // Then
        Assert.Equal("pipelines/tiny.yaml", experiment.RecipePath);
        Assert.Equal(new WeightMatchingOptions { MaxIter = 10 }, experiment.Recipe.Methods[1].Options);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        // Given
        var pipelines = new Dictionary<string, string> { ["tiny"] = TempManifest.Recipe };

        // When
        var experiment = ManifestLoader.Parse(TempManifest.Edit(TempManifest.Experiments, "[[1, 2]]", "[[1, 2], [&a 3, &b 4], [*b, *a]]"), pipelines);

        // Then
        Assert.Equal([[1, 2], [3, 4], [4, 3]], experiment[0].Entry.SeedPairs);
    }
}
