using OrthoRebasin.Check;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Check;

/// <summary>The tolerances files committed beside the baselines: one per experiment, where the check looks for them.</summary>
public sealed class CommittedTolerancesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static readonly IReadOnlyList<Experiment> Experiments = ManifestLoader.Load(Path.Combine(Root, "experiments.yaml"));

    public static TheoryData<string> ExperimentIds => new(Experiments.Select(e => e.Id));

    [Theory]
    [MemberData(nameof(ExperimentIds))]
    public void Each_is_derived_from_an_experiment_of_the_same_recipe_and_data_with_two_or_more_pairs(string id)
    {
        // Given
        var experiment = Experiments.Single(e => e.Id == id);

        // When
        var file = ToleranceFile.Read(TolerancesPath(id));

        // Then
        var source = Assert.Single(Experiments, e => e.Id == file.DerivedFrom);
        Assert.Equal((experiment.Entry.Pipeline, experiment.Recipe.Data.Dataset), (source.Entry.Pipeline, source.Recipe.Data.Dataset));
        Assert.True(source.Entry.SeedPairs.Count >= 2, $"{source.Id} has {source.Entry.SeedPairs.Count} seed pair(s)");
    }

    [Theory]
    [MemberData(nameof(ExperimentIds))]
    public void Each_holds_what_the_derivation_gives_from_its_source_s_baseline(string id)
    {
        // Given
        var experiment = Experiments.Single(e => e.Id == id);
        var file = ToleranceFile.Read(TolerancesPath(id));
        var baseline = BaselineFile.ReadMetrics(Path.Combine(Root, "tests", "baselines", file.DerivedFrom + ".json"));

        // When
        var derived = ToleranceDerivation.Derive(file.DerivedFrom, baseline, experiment.Entry.SeedPairs.Count, file.Sigmas);

        // Then
        Assert.Equal(derived, file.Tolerances);
    }

    [Theory]
    [MemberData(nameof(ExperimentIds))]
    public void Each_is_exactly_what_the_tolerances_command_writes_for_its_numbers(string id)
    {
        // Given
        var text = File.ReadAllText(TolerancesPath(id));

        // When
        var rewritten = ToleranceFile.Serialize(id, ToleranceFile.Parse(text, TolerancesPath(id)));

        // Then
        Assert.Equal(text, rewritten);
    }

    [Theory]
    [InlineData("quickstart", "loss_barrier", 0.0283, 0.29)]
    [InlineData("quickstart", "endpoint_maxima", 1, 0)]
    [InlineData("quickstart-resmlp", "delta_loss", 1e-06, 0)]
    [InlineData("mnist-mlp-quick", "acc_barrier/mean", 0.00091, 0.354)]
    [InlineData("cifar10-mlp", "loss_barrier/std", 0.0122, 0.147)]
    [InlineData("mnist-resmlp-quick", "loss_barrier_vs_original", 1e-06, 0.171)]
    [InlineData("cifar10-resmlp", "weight_cosine", 0.0117, 0.166)]
    public void The_numbers_are_those_the_manifest_held_before_they_moved_beside_the_baselines(string id, string name, double abs, double rel)
    {
        // Given / When
        var tolerance = ToleranceFile.Read(TolerancesPath(id)).Tolerances[name];

        // Then
        Assert.Equal(new Tolerance { Abs = abs, Rel = rel }, tolerance);
    }

    private static string TolerancesPath(string id) => Path.Combine(Root, "tests", "baselines", id + ToleranceFile.Extension);
}
