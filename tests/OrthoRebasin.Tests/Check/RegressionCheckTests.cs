using OrthoRebasin.Check;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Check;

public sealed class RegressionCheckTests : IDisposable
{
    private const string Moved = "summary/weight-matching/linear/test/loss_barrier/mean";

    private static readonly Func<string, string?> NotCi = _ => null;

    private static readonly Dictionary<string, Tolerance> Tolerances = new()
    {
        ["default"] = new() { Abs = 1e-6 },
        ["loss_barrier"] = new() { Abs = 0.01, Rel = 0.05 },
    };

    private readonly TemporaryDirectory _directory = new();

    private string BaselinePath => Path.Combine(_directory.Path, "sample-digits.json");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Identical_results_pass()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);

        // When
        var outcome = RegressionCheck.Compare(results, Tolerances, BaselinePath);

        // Then
        Assert.True(outcome.Passed, RegressionCheck.Describe(outcome));
        Assert.Equal(BaselineMetrics.Flatten(results).Count, outcome.Compared);
        Assert.False(File.Exists(RegressionCheck.ReceivedPathFor(BaselinePath)));
    }

    [Fact]
    public void A_number_moved_beyond_tolerance_fails_and_is_listed()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var baseline = BaselineMetrics.Flatten(results)[Moved];
        var allowed = RegressionCheck.Allowed(Tolerances, Moved, baseline);
        var changed = WithWeightMatchingTestLossBarrierMean(results, baseline + 2 * allowed);

        // When
        var outcome = RegressionCheck.Compare(changed, Tolerances, BaselinePath);

        // Then
        Assert.False(outcome.Passed);
        var difference = Assert.Single(outcome.Differences);
        Assert.Equal(Moved, difference.Path);
        Assert.Equal(CheckDifference.OutOfTolerance, difference.Kind);
        Assert.Equal(allowed, difference.Allowed);
        Assert.Contains(Moved, RegressionCheck.Describe(outcome));
    }

    [Fact]
    public void A_number_moved_within_tolerance_passes()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var baseline = BaselineMetrics.Flatten(results)[Moved];
        var changed = WithWeightMatchingTestLossBarrierMean(results, baseline + 0.5 * RegressionCheck.Allowed(Tolerances, Moved, baseline));

        // When
        var outcome = RegressionCheck.Compare(changed, Tolerances, BaselinePath);

        // Then
        Assert.True(outcome.Passed, RegressionCheck.Describe(outcome));
    }

    [Fact]
    public void Tolerance_lookup_prefers_metric_then_default_then_exact()
    {
        // Given
        var specific = new Dictionary<string, Tolerance>
        {
            ["loss_barrier/std"] = new() { Abs = 0.5 },
            ["loss_barrier"] = new() { Abs = 0.1 },
            ["default"] = new() { Abs = 0.01 },
        };

        // When
        var std = RegressionCheck.Allowed(specific, "summary/m/linear/test/loss_barrier/std", 1.0);
        var mean = RegressionCheck.Allowed(specific, "summary/m/linear/test/loss_barrier/mean", 1.0);
        var perPair = RegressionCheck.Allowed(specific, "curves/m/linear/test/1-2/loss_barrier", 1.0);
        var other = RegressionCheck.Allowed(specific, "fidelity/m/1-2/logit_mse", 1.0);
        var none = RegressionCheck.Allowed(new Dictionary<string, Tolerance>(), "fidelity/m/1-2/logit_mse", 1.0);

        // Then
        Assert.Equal([0.5, 0.1, 0.1, 0.01, 0.0], new[] { std, mean, perPair, other, none });
    }

    [Fact]
    public void Missing_baseline_fails_with_how_to_create_it_and_creates_nothing()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var outcome = RegressionCheck.Compare(results, Tolerances, BaselinePath);

        // Then
        Assert.False(outcome.Passed);
        Assert.Contains("accept it as the baseline", outcome.Message);
        Assert.DoesNotContain("--", outcome.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void The_check_applies_the_tolerances_written_beside_the_baseline()
    {
        // Given a baseline, and tolerances derived from the results' spread written beside it
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var derived = ToleranceDerivation.Derive(results, checkedPairs: 2);
        ToleranceFile.Write(ToleranceFile.PathFor(BaselinePath), "sample-digits", new CheckTolerances { DerivedFrom = "sample-digits", Sigmas = 1, Tolerances = derived });
        var baseline = BaselineMetrics.Flatten(results)[Moved];
        var allowed = RegressionCheck.Allowed(derived, Moved, baseline);

        // When one number moves by half, then by twice, what those tolerances allow
        var within = RegressionCheck.Compare(WithWeightMatchingTestLossBarrierMean(results, baseline + 0.5 * allowed), BaselinePath);
        var beyond = RegressionCheck.Compare(WithWeightMatchingTestLossBarrierMean(results, baseline + 2 * allowed), BaselinePath);

        // Then the first passes and the second fails, allowed exactly the derived difference
        Assert.True(within.Passed, RegressionCheck.Describe(within));
        Assert.False(beyond.Passed);
        Assert.Equal((Moved, allowed), (Assert.Single(beyond.Differences).Path, beyond.Differences[0].Allowed));
    }

    [Fact]
    public void Missing_tolerances_fail_the_check_with_how_to_derive_them_and_never_check_exactly()
    {
        // Given a baseline of these very results but no tolerances beside it
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);

        // When
        var outcome = RegressionCheck.Compare(results, BaselinePath);

        // Then the check fails on one line that names the file and says how to derive it, without a command-line flag
        var path = Path.Combine(_directory.Path, "sample-digits.tolerances.yaml");
        Assert.False(outcome.Passed);
        Assert.Equal(
            $"Check FAILED: No tolerances at {path}. Derive them from the seed-to-seed spread with the tolerances command, " +
            "review them and commit them beside the baseline.",
            RegressionCheck.Describe(outcome));
        Assert.DoesNotContain("--", outcome.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Accept_is_refused_under_ci(string ci)
    {
        // Given
        var results = SampleResults.Create();

        // When
        var refused = Assert.Throws<UserErrorException>(
            () => RegressionCheck.Accept(results, BaselinePath, name => name == "CI" ? ci : null));

        // Then
        Assert.Contains("CI", refused.Message);
        Assert.False(File.Exists(BaselinePath));
    }

    [Fact]
    public void A_mismatch_writes_the_received_file_beside_the_baseline()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var changed = WithWeightMatchingTestLossBarrierMean(results, 12345.678);

        // When
        var outcome = RegressionCheck.Compare(changed, Tolerances, BaselinePath);

        // Then
        var received = Path.Combine(_directory.Path, "sample-digits.received.json");
        Assert.Equal(received, outcome.ReceivedPath);
        Assert.Contains("12345.678", File.ReadAllText(received));
        Assert.DoesNotContain("12345.678", File.ReadAllText(BaselinePath));
    }

    [Fact]
    public void NaN_fails_even_with_a_huge_tolerance()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var loose = new Dictionary<string, Tolerance> { ["default"] = new() { Abs = 1e300 } };
        var changed = WithWeightMatchingTestLossBarrierMean(results, double.NaN);

        // When
        var outcome = RegressionCheck.Compare(changed, loose, BaselinePath);

        // Then
        Assert.False(outcome.Passed);
        Assert.Equal(Moved, Assert.Single(outcome.Differences).Path);
    }

    [Fact]
    public void A_dropped_method_is_missing_in_results()
    {
        // Given
        var results = SampleResults.Create();
        RegressionCheck.Accept(results, BaselinePath, NotCi);
        var fewer = results with { Fidelity = results.Fidelity.Where(f => f.Method != "identity").ToList() };

        // When
        var outcome = RegressionCheck.Compare(fewer, Tolerances, BaselinePath);

        // Then
        Assert.False(outcome.Passed);
        Assert.All(outcome.Differences, d => Assert.Equal(CheckDifference.MissingInResults, d.Kind));
        Assert.Contains(outcome.Differences, d => d.Path == "fidelity/identity/1-2/prediction_agreement");
    }

    [Fact]
    public void The_baseline_file_has_sorted_metrics_and_who_wrote_it()
    {
        // Given
        var results = SampleResults.Create();

        // When
        RegressionCheck.Accept(results, BaselinePath, NotCi);

        // Then
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(BaselinePath));
        var root = document.RootElement;
        Assert.Equal("sample-digits", root.GetProperty("experiment").GetString());
        Assert.Equal("orthorebasin check --accept", root.GetProperty("written_by").GetString());
        var names = root.GetProperty("metrics").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("curves/weight-matching/linear/test/1-2/loss_barrier", names);
    }

    private static ExperimentResults WithWeightMatchingTestLossBarrierMean(ExperimentResults results, double mean) =>
        results with
        {
            Summary = results.Summary
                .Select(s => s is { Method: "weight-matching", Path: "linear", Split: "test" }
                    ? s with { Metrics = new Dictionary<string, MeanStd>(s.Metrics) { [CurveMetrics.LossBarrier] = s[CurveMetrics.LossBarrier] with { Mean = mean } } }
                    : s)
                .ToList(),
        };
}
