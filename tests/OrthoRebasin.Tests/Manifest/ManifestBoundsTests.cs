using OrthoRebasin.Manifest;
using OrthoRebasin.Models;

namespace OrthoRebasin.Tests.Manifest;

/// <summary>Every bound admits its own value; the lists too long to write in a test case are generated here.</summary>
public sealed class ManifestBoundsTests
{
    [Fact]
    public void A_recipe_at_every_bound_loads()
    {
        // Given a recipe whose every bounded number is at its bound, and an experiment of 1000 pairs up to the largest seed
        var widths = string.Join(", ", Enumerable.Repeat(65536, 64));
        var recipe = $$"""
            data: { dataset: uci-digits, validation: 1000000 }
            model: { architecture: mlp, hidden: [{{widths}}] }
            training: { epochs: 100000, batch_size: 1000000 }
            methods: [{ id: identity }]
            lambdas: 1001
            evaluation: { train_subset: 1000000 }
            """;
        var pairs = string.Join(", ", Enumerable.Range(0, 999).Select(i => $"[{2 * i}, {2 * i + 1}]").Append($"[0, {int.MaxValue}]"));
        var experiments = $"experiments:\n  - {{ id: {new string('x', 64)}, pipeline: tiny, seed_pairs: [{pairs}] }}\n";
        using var manifest = new TempManifest(experiments, recipe);

        // When
        var experiment = Assert.Single(manifest.Load());

        // Then
        Assert.Equal(64, Assert.IsType<MlpOptions>(experiment.Recipe.Model.Options).Hidden.Count);
        Assert.Equal(1000, experiment.Entry.SeedPairs.Count);
        Assert.Equal((1001, 100000, 1000000), (experiment.Recipe.Lambdas, experiment.Recipe.Training.Epochs, experiment.Recipe.Training.BatchSize));
    }

    [Fact]
    public void A_residual_model_at_its_bounds_loads()
    {
        // Given
        using var manifest = new TempManifest(recipe: TempManifest.Edit(
            TempManifest.Recipe, "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 65536\n  blocks: 1024\n  block_hidden: 65536"));

        // When
        var recipe = Assert.Single(manifest.Load()).Recipe;

        // Then
        Assert.Equal(new ResidualMlpOptions { Width = 65536, Blocks = 1024, BlockHidden = 65536 }, recipe.Model.Options);
    }

    [Fact]
    public void A_65th_hidden_layer_is_refused_where_it_is_written()
    {
        // Given 65 widths of 8, written "8, " apart from column 12 on
        using var manifest = new TempManifest(recipe: TempManifest.Edit(
            TempManifest.Recipe, "hidden: [8, 8]", $"hidden: [{string.Join(", ", Enumerable.Repeat(8, 65))}]"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 5, 12 + 64 * 3,
            "model.hidden must have at most 64 items, got 65 (model.hidden[64] is the first too many): each hidden layer is a symmetry group that every method aligns in turn. Remove some");
    }

    [Fact]
    public void A_1001st_seed_pair_is_refused_where_it_is_written()
    {
        // Given 1001 pairs [1000 + i, 5000 + i], each 14 characters apart, from column 18 on
        var pairs = string.Join(", ", Enumerable.Range(0, 1001).Select(i => $"[{1000 + i}, {5000 + i}]"));
        using var manifest = new TempManifest(experiments: TempManifest.Edit(TempManifest.Experiments, "[[1, 2]]", $"[{pairs}]"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 4, 18 + 1000 * 14,
            "experiments[0].seed_pairs must have at most 1000 items, got 1001 (experiments[0].seed_pairs[1000] is the first too many): each pair trains up to two models and aligns them with every method");
    }

    [Fact]
    public void A_swapped_seed_pair_is_another_pair_not_a_repetition()
    {
        // Given [2, 1] after [1, 2]: B aligned onto A, then A onto B
        using var manifest = new TempManifest(experiments: TempManifest.Edit(TempManifest.Experiments, "[[1, 2]]", "[[1, 2], [2, 1]]"));

        // When
        var experiment = Assert.Single(manifest.Load());

        // Then both pairs run
        Assert.Equal([[1, 2], [2, 1]], experiment.Entry.SeedPairs);
    }

    [Fact]
    public void An_experiment_id_of_65_characters_is_refused_at_the_id()
    {
        // Given
        var id = new string('x', 65);
        using var manifest = new TempManifest(experiments: TempManifest.Edit(TempManifest.Experiments, "id: tiny", $"id: {id}"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 2, 9, $"experiments[0].id must be a name ({Names.Rule}), got '{id}': it is 65 characters long");
    }
}
