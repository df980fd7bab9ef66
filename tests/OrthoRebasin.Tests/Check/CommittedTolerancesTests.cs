using OrthoRebasin.Check;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Check;

/// <summary>The tolerances files committed beside the baselines: one per experiment, where the check looks for them.</summary>
public sealed class CommittedTolerancesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static readonly IReadOnlyList<Experiment> Experiments = ManifestLoader.Load(Path.Combine(Root, "experiments.yaml"));

    /// <summary>
    /// The experiments with a recorded baseline. Every quick one has one (the next test); a full-tier experiment gets its
    /// baseline from a run of its own, and until then the nightly check fails for it with "no baseline".
    /// </summary>
    public static TheoryData<string> ExperimentIds => new(Experiments.Where(e => File.Exists(BaselinePath(e.Id))).Select(e => e.Id));

    [Fact]
    public void Every_experiment_that_ci_runs_has_a_baseline_and_tolerances()
    {
        // Given the quick tier, which every CI run checks
        var quick = Experiments.Where(e => e.Entry.Tier == Tier.Quick).Select(e => e.Id).ToList();

        // When
        var missing = quick.Where(id => !File.Exists(BaselinePath(id)) || !File.Exists(TolerancesPath(id))).ToList();

        // Then
        Assert.True(missing.Count == 0, "quick experiments without a baseline or tolerances: " + string.Join(", ", missing));
        Assert.Contains("repair-mlp-quick", quick);
    }

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

    private static string BaselinePath(string id) => Path.Combine(Root, "tests", "baselines", id + ".json");

    private static string TolerancesPath(string id) => Path.Combine(Root, "tests", "baselines", id + ToleranceFile.Extension);
}
