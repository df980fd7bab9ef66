using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Manifest;

public sealed class SweepTests
{
    private const string ResidualRecipe = """
        data: { dataset: uci-digits }
        model: { architecture: residual-mlp, width: 8, blocks: 2, block_hidden: 8 }
        training: { epochs: 2 }
        methods: [{ id: identity }]
        """;

    // The sweep's first key is on line 9, column 7; the cases of the error test are read off this text.
    private const string ErrorTemplate = """
        experiments:
          - id: widths.epochs-2
            pipeline: tiny
            seed_pairs: [[1, 2]]
          - id: widths
            pipeline: tiny
            seed_pairs: [[1, 2]]
            sweep:
              SWEEP
        """;

    [Fact]
    public void A_sweep_over_widths_expands_into_one_child_experiment_per_width()
    {
        // Given a sweep over two widths between two ordinary experiments
        var experiments = Parse("""
            experiments:
              - { id: before, pipeline: tiny, seed_pairs: [[1, 2]] }
              - id: widths
                pipeline: tiny
                tier: full
                seed_pairs: [[1, 2], [3, 4]]
                overrides: { training: { epochs: 3 } }
                sweep:
                  model.hidden: [[16, 16, 16], [64, 32]]
              - { id: after, pipeline: tiny, seed_pairs: [[1, 2]] }
            """);

        // Then the sweep entry is replaced, in place, by one experiment per width, named after the key and value
        Assert.Equal(["before", "widths.hidden-16x3", "widths.hidden-64-32", "after"], experiments.Select(e => e.Id));
        var (wide, narrow) = (experiments[1], experiments[2]);
        Assert.Equal([16, 16, 16], ((MlpOptions)wide.Recipe.Model.Options).Hidden);
        Assert.Equal([64, 32], ((MlpOptions)narrow.Recipe.Model.Options).Hidden);

        // And each keeps the entry's overrides, tier and seed pairs, and knows its sweep
        Assert.All([wide, narrow], e => Assert.Equal(3, e.Recipe.Training.Epochs));
        Assert.All([wide, narrow], e => Assert.Equal(Tier.Full, e.Entry.Tier));
        Assert.All([wide, narrow], e => Assert.Equal(2, e.Entry.SeedPairs.Count));
        Assert.Equal(new SweepCoordinate("model.hidden", "[16, 16, 16]"), Assert.Single(wide.Sweep!.Coordinates));
        Assert.Equal("widths", narrow.Sweep!.Parent);
        Assert.Null(experiments[0].Sweep);
    }

    [Fact]
    public void Two_swept_keys_expand_into_their_Cartesian_product_in_the_order_written()
    {
        // Given a sweep over epochs, then hidden widths
        var experiments = Parse("""
            experiments:
              - id: grid
                pipeline: tiny
                seed_pairs: [[1, 2]]
                sweep: { training.epochs: [1, 2], model.hidden: [[8], [16]] }
            """);

        // Then every pair is a point, the first key varying slowest
        Assert.Equal(
            ["grid.epochs-1.hidden-8", "grid.epochs-1.hidden-16", "grid.epochs-2.hidden-8", "grid.epochs-2.hidden-16"],
            experiments.Select(e => e.Id));
        Assert.Equal([1, 1, 2, 2], experiments.Select(e => e.Recipe.Training.Epochs));
        Assert.Equal([8, 16, 8, 16], experiments.Select(e => ((MlpOptions)e.Recipe.Model.Options).Hidden[0]));
        Assert.Equal(["training.epochs", "model.hidden"], experiments[3].Sweep!.Coordinates.Select(c => c.Key));
    }

    [Fact]
    public void A_sweep_point_resolves_exactly_as_the_hand_written_experiment_with_that_override()
    {
        // Given a sweep, and the experiment one of its points stands for written by hand under the point's id
        var swept = Parse("""
            experiments:
              - id: widths
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides: { training: { epochs: 3 }, model: { hidden: [4] } }
                sweep:
                  model.hidden: [[16, 16, 16], [64, 32]]
                  training.learning_rate: [0.01]
            """);
        var written = Parse("""
            experiments:
              - id: widths.hidden-64-32.learning_rate-0p01
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides: { training: { epochs: 3, learning_rate: 0.01 }, model: { hidden: [64, 32] } }
            """);

        // Then both resolve to the same entry and recipe: the same manifest hash and recipe JSON (cache keys)
        var point = swept.Single(e => e.Id == written[0].Id);
        Assert.Equal(Json.Serialize(written[0].Recipe), Json.Serialize(point.Recipe));
        Assert.Equal(ManifestLoader.ManifestHash(written[0]), ManifestLoader.ManifestHash(point));
    }

    [Fact]
    public void A_point_that_changes_nothing_keeps_the_recipe_and_its_cache_key()
    {
        // Given the plain experiment and a sweep whose one point restates the recipe's widths
        var plain = Parse("""
            experiments:
              - { id: plain, pipeline: tiny, seed_pairs: [[1, 2]] }
            """)[0];
        var point = Parse("""
            experiments:
              - { id: plain, pipeline: tiny, seed_pairs: [[1, 2]], sweep: { model.hidden: [[8, 8]] } }
            """)[0];

        // Then the recipe serializes identically (the cache keys hash it); only the id differs
        Assert.Equal("plain.hidden-8x2", point.Id);
        Assert.Equal(Json.Serialize(plain.Recipe), Json.Serialize(point.Recipe));
        Assert.Equal(ManifestLoader.ManifestHash(plain), ManifestLoader.ManifestHash(point with { Entry = point.Entry with { Id = "plain" } }));
    }

    [Fact]
    public void Width_data_set_epochs_and_any_other_dotted_key_can_be_swept()
    {
        // Given a residual model swept over width, data set, epochs and the evaluation subset
        var experiments = ManifestLoader.Parse("""
            experiments:
              - id: res
                pipeline: res
                seed_pairs: [[1, 2]]
                sweep:
                  model.width: [16, 32]
                  data.dataset: [mnist, fashion-mnist]
                  training.epochs: [5]
                  evaluation.train_subset: [200]
            """, new Dictionary<string, string> { ["res"] = ResidualRecipe });

        // Then each point carries its values, and the recipe's other keys
        Assert.Equal(
            ["res.width-16.dataset-mnist.epochs-5.train_subset-200", "res.width-16.dataset-fashion-mnist.epochs-5.train_subset-200",
             "res.width-32.dataset-mnist.epochs-5.train_subset-200", "res.width-32.dataset-fashion-mnist.epochs-5.train_subset-200"],
            experiments.Select(e => e.Id));
        Assert.Equal([16, 16, 32, 32], experiments.Select(e => ((ResidualMlpOptions)e.Recipe.Model.Options).Width));
        Assert.Equal(["mnist", "fashion-mnist", "mnist", "fashion-mnist"], experiments.Select(e => e.Recipe.Data.Dataset));
        Assert.All(experiments, e => Assert.Equal((5, 200, 2), (e.Recipe.Training.Epochs, e.Recipe.Evaluation.TrainSubset, ((ResidualMlpOptions)e.Recipe.Model.Options).Blocks)));
    }

    [Theory]
    [InlineData("128", "128")]
    [InlineData("[128, 128, 128]", "128x3")]
    [InlineData("[64, 32]", "64-32")]
    [InlineData("0.001", "0p001")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("-1", "m1")]
    [InlineData("fashion-mnist", "fashion-mnist")]
    [InlineData("{ a: 1 }", "3")]
    public void A_value_becomes_a_readable_id_slug(string value, string slug)
    {
        var node = ((ManifestMapping)YamlTreeReader.Read("x.yaml", $"v: {value}")!).Find("v")!;
        Assert.Equal(slug, SweepExpander.Slug(node, index: 2));
    }

    [Fact]
    public void The_id_of_a_sweep_selects_every_point_and_a_point_id_selects_one()
    {
        // Given a sweep of two points beside another experiment
        var experiments = Parse("""
            experiments:
              - { id: other, pipeline: tiny, seed_pairs: [[1, 2]] }
              - { id: widths, pipeline: tiny, seed_pairs: [[1, 2]], sweep: { model.hidden: [[16], [32]] } }
            """);

        // Then -e with the sweep's id selects both points, and a point's id only that point
        Assert.Equal(["widths.hidden-16", "widths.hidden-32"], ExperimentSelection.Select(experiments, "widths", null, all: false).Select(e => e.Id));
        Assert.Equal(["widths.hidden-32"], ExperimentSelection.Select(experiments, "widths.hidden-32", null, all: false).Select(e => e.Id));
        Assert.Throws<UserErrorException>(() => ExperimentSelection.Select(experiments, "width", null, all: false));
    }

    [Fact]
    public void The_matrix_has_one_job_per_sweep_point_naming_its_sweep()
    {
        // Given a full-tier sweep of two points and a full experiment
        var experiments = Parse("""
            experiments:
              - { id: widths, pipeline: tiny, tier: full, seed_pairs: [[1, 2]], sweep: { model.hidden: [[16], [32]] } }
              - { id: plain, pipeline: tiny, tier: full, seed_pairs: [[1, 2]] }
            """);

        // When emitted as the full tier's matrix
        var json = ExperimentMatrix.ToJson(ExperimentSelection.Select(experiments, null, Tier.Full, all: false));

        // Then each point is a job of its own; only points carry their sweep
        Assert.Equal(
            """{"include":[{"experiment":"widths.hidden-16","tier":"full","dataset":"uci-digits","sweep":"widths"},""" +
            """{"experiment":"widths.hidden-32","tier":"full","dataset":"uci-digits","sweep":"widths"},""" +
            """{"experiment":"plain","tier":"full","dataset":"uci-digits"}]}""",
            json);
    }

    [Theory]
    [InlineData("unknown key path", "model.hiden: [[16]]", 9, 7, "model.hiden is not a key of architecture 'mlp'")]
    [InlineData("unknown top-level key", "trainin.epochs: [2]", 9, 7, "unknown key 'trainin' at the top level")]
    [InlineData("empty key segment", "model..hidden: [[8]]", 9, 7, "experiments[1].sweep: 'model..hidden' is not a dotted recipe key")]
    [InlineData("empty value list", "model.hidden: []", 9, 21, "experiments[1].sweep.model.hidden is empty. Write at least one value")]
    [InlineData("values not a list", "training.epochs: 2", 9, 24, "experiments[1].sweep.training.epochs: expected a sequence of values, got '2'")]
    [InlineData("invalid value inside a list", "model.hidden: [[8, 0]]", 9, 26, "model.hidden[1] must be at least 1, got 0")]
    [InlineData("value out of range", "training.epochs: [2, 0]", 9, 28, "training.epochs must be at least 1, got 0")]
    [InlineData("value of the wrong type", "training.epochs: [2, ten]", 9, 28, "training.epochs: expected an integer, got 'ten'")]
    [InlineData("point id of another experiment", "training.epochs: [1, 2]", 9, 28,
        "the sweep point's experiment id 'widths.epochs-2' is already the id of another experiment (line 2, column 9)")]
    [InlineData("two points with one id", "training.learning_rate: [1e-3, 1E-3]", 9, 38,
        "the sweep point's experiment id 'widths.learning_rate-1e-3' is already the id of another experiment (line 9, column 32)")]
    [InlineData("point id too long", "training.learning_rate: [0.000000000000000000000000000000000000000000001]", 9, 32,
        "experiments[1].sweep: the point's experiment id 'widths.learning_rate-0p000000000000000000000000000000000000000000001' is not a valid id")]
    [InlineData("too many points", "training.epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n      training.batch_size: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", 9, 7,
        "experiments[1].sweep has 110 points, more than 100")]
    [InlineData("sweep not a mapping", "[model.hidden]", 9, 7, "experiments[1].sweep: expected a mapping, got a sequence")]
    public void A_sweep_error_names_its_line_and_column(string kind, string sweep, int line, int column, string problem)
    {
        _ = kind;
        var text = ErrorTemplate.Replace("SWEEP", sweep, StringComparison.Ordinal);
        var error = Assert.Throws<ManifestException>(() => Parse(text));
        ManifestAssert.At(error, "experiments.yaml", line, column, problem);
    }

    [Fact]
    public void A_point_override_changes_its_point_only_and_the_others_keep_their_cache_keys()
    {
        // Given a sweep over two widths, and the same sweep with the wider point cut to one epoch
        const string Sweep = """
            experiments:
              - id: widths
                pipeline: tiny
                seed_pairs: [[1, 2]]
                overrides: { training: { epochs: 3 } }
                sweep:
                  model.hidden: [[8], [64]]
            """;
        var plain = Parse(Sweep);
        var cut = Parse(Sweep + "\n    point_overrides: { hidden-64: { training: { epochs: 1 } } }");

        // Then the named point has the override merged last, over the entry's overrides
        Assert.Equal(["widths.hidden-8", "widths.hidden-64"], cut.Select(e => e.Id));
        Assert.Equal(1, cut[1].Recipe.Training.Epochs);
        Assert.Equal([64], ((MlpOptions)cut[1].Recipe.Model.Options).Hidden);
        Assert.NotEqual(ManifestLoader.ManifestHash(plain[1]), ManifestLoader.ManifestHash(cut[1]));

        // And the other point resolves exactly as without it
        Assert.Equal(3, cut[0].Recipe.Training.Epochs);
        Assert.Equal(Json.Serialize(plain[0].Recipe), Json.Serialize(cut[0].Recipe));
        Assert.Equal(ManifestLoader.ManifestHash(plain[0]), ManifestLoader.ManifestHash(cut[0]));
    }

    [Theory]
    [InlineData("unknown point", "point_overrides: { hidden-32: { training: { epochs: 1 } } }", 8, 24,
        "experiments[1].point_overrides: 'hidden-32' names no point of the sweep. Write one of: hidden-8, hidden-64")]
    [InlineData("override not a mapping", "point_overrides: { hidden-8: 2 }", 8, 34,
        "experiments[1].point_overrides.hidden-8: expected a mapping, got '2'")]
    [InlineData("not a mapping", "point_overrides: [hidden-8]", 8, 22,
        "experiments[1].point_overrides: expected a mapping from point names to overrides, got a sequence")]
    [InlineData("no sweep", "point_overrides: { hidden-8: { training: { epochs: 1 } } }", 8, 22,
        "experiments[1].point_overrides: the experiment has no 'sweep', so it has no points to override")]
    [InlineData("bad value inside", "point_overrides: { hidden-8: { training: { epochs: 0 } } }", 8, 56,
        "training.epochs must be at least 1, got 0")]
    public void A_point_override_error_names_its_line_and_column(string kind, string pointOverrides, int line, int column, string problem)
    {
        _ = kind;
        var sweep = kind == "no sweep" ? "description: no sweep" : "sweep: { model.hidden: [[8], [64]] }";
        var text = string.Join('\n', [
            "experiments:",
            "  - { id: other, pipeline: tiny, seed_pairs: [[1, 2]] }",
            "  - id: widths",
            "    pipeline: tiny",
            "    seed_pairs: [[1, 2]]",
            "    overrides: { training: { epochs: 3 } }",
            $"    {sweep}",
            $"    {pointOverrides}",
            ""]);
        var error = Assert.Throws<ManifestException>(() => Parse(text));
        ManifestAssert.At(error, "experiments.yaml", line, column, problem);
    }

    private static IReadOnlyList<Experiment> Parse(string experiments) =>
        ManifestLoader.Parse(experiments, new Dictionary<string, string> { ["tiny"] = TempManifest.Recipe });
}
