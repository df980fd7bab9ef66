using OrthoRebasin.Check;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Check;

public sealed class ToleranceDerivationTests
{
    [Fact]
    public void Tolerances_follow_the_spread_of_each_metric_across_seed_pairs()
    {
        // Given two pairs whose loss barriers are h and 1.2h: identity h = 1.2, weight matching h = 0.15 (test and train
        // splits alike), so every group has s = 0.2h/√2 and mean 1.1h: relative spread 0.2/(1.1·√2) = 0.12856, and the
        // smaller half of the groups (weight matching) spreads by s = 0.03/√2 = 0.021213
        var results = SampleResults.Create();

        // When
        var tolerances = ToleranceDerivation.Derive(results, checkedPairs: 2);

        // Then per-pair numbers get one spread, means over two pairs 1/√2 of it; printed values round up, never down
        AssertRoundedUp(0.021213, tolerances["loss_barrier"].Abs);
        AssertRoundedUp(0.12856, tolerances["loss_barrier"].Rel);
        AssertRoundedUp(0.021213 / Math.Sqrt(2), tolerances["loss_barrier/mean"].Abs);
        AssertRoundedUp(0.12856 / Math.Sqrt(2), tolerances["loss_barrier/mean"].Rel);
        Assert.Equal(1, tolerances[BaselineMetrics.EndpointMaxima].Abs);
    }

    [Fact]
    public void A_quick_tier_of_one_pair_gets_mean_tolerances_of_one_pair_and_no_std_tolerance()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var tolerances = ToleranceDerivation.Derive(results, checkedPairs: 1);

        // Then
        Assert.Equal(tolerances["loss_barrier"], tolerances["loss_barrier/mean"]);
        Assert.False(tolerances.ContainsKey("loss_barrier/std"));
    }

    [Fact]
    public void One_seed_pair_has_no_spread_and_says_where_to_take_one_from()
    {
        // Given
        var full = SampleResults.Create();
        var onePair = full with { Curves = full.Curves.Where(c => c.Pair == new SeedPair(1, 2)).ToList() };

        // When
        var error = Assert.Throws<UserErrorException>(() => ToleranceDerivation.Derive(onePair, 1));

        // Then
        Assert.Contains("at least two", error.Message, StringComparison.Ordinal);
        Assert.Contains("full tier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_derived_name_is_a_name_the_tolerances_file_accepts()
    {
        // Given
        var tolerances = ToleranceDerivation.Derive(SampleResults.CreateFull(), 2);

        // When
        var unknown = tolerances.Keys.Except(ToleranceFile.ValidNames).ToList();

        // Then
        Assert.Empty(unknown);
    }

    [Fact]
    public void The_quickstart_tolerances_tell_weight_matching_from_identity()
    {
        // Given the recorded quickstart baseline and its tolerances
        var baselinePath = Path.Combine(RepositoryRoot.Find(), "tests", "baselines", "quickstart.json");
        var baseline = BaselineFile.ReadMetrics(baselinePath);
        var tolerances = ToleranceFile.Read(ToleranceFile.PathFor(baselinePath)).Tolerances;

        // When a regression turned each permutation method into identity (its barrier jumps to identity's)
        var regressions = new[] { "weight-matching", "activation-matching" }
            .SelectMany(method => new[] { "loss_barrier", "loss_barrier_vs_original" }.Select(barrier => (method, barrier)))
            .Select(x =>
            {
                var path = $"summary/{x.method}/linear/test/{x.barrier}/mean";
                var jump = baseline[$"summary/identity/linear/test/{x.barrier}/mean"] - baseline[path];
                return (path, jump, allowed: RegressionCheck.Allowed(tolerances, path, baseline[path]));
            })
            .ToList();

        // Then the check would catch it, with room to spare
        Assert.All(regressions, r => Assert.True(r.jump > 5 * r.allowed, $"{r.path}: a jump of {r.jump} against an allowed {r.allowed}"));
    }

    private static void AssertRoundedUp(double expected, double actual) =>
        Assert.InRange(actual, expected, expected * 1.01);
}
