using System.Globalization;
using System.Text;
using OrthoRebasin.IO;
using OrthoRebasin.Results;

namespace OrthoRebasin.Check;

/// <summary>
/// Compares an experiment's numbers (<see cref="BaselineMetrics"/>) with a reviewed JSON baseline, each within the
/// tolerance its metric name has in the tolerances file beside the baseline (<see cref="ToleranceFile"/>). Every
/// difference fails: a number out of tolerance (NaN always is), a number the baseline has and the results lack, and a
/// new number the baseline lacks (accept it deliberately).
/// </summary>
public static class RegressionCheck
{
    public const string DefaultToleranceName = "default";

    /// <summary>Compares with the baseline at <paramref name="baselinePath"/> within the tolerances of the file beside it.</summary>
    public static CheckOutcome Compare(ExperimentResults results, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (MissingBaseline(results, baselinePath) is { } missing)
        {
            return missing;
        }

        // Fail rather than check with zero tolerance, which would blame another platform's rounding on the code.
        var tolerancesPath = ToleranceFile.PathFor(baselinePath);
        if (!File.Exists(tolerancesPath))
        {
            var message =
                $"No tolerances at {tolerancesPath}. Derive them from the seed-to-seed spread with the tolerances command, " +
                "review them and commit them beside the baseline.";
            return new CheckOutcome(false, [], baselinePath, 0, Message: message);
        }

        return Compare(results, ToleranceFile.Read(tolerancesPath).Tolerances, baselinePath);
    }

    /// <summary>Compares with the baseline at <paramref name="baselinePath"/> within <paramref name="tolerances"/>, per metric name.</summary>
    public static CheckOutcome Compare(ExperimentResults results, IReadOnlyDictionary<string, Tolerance> tolerances, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(tolerances);
        if (MissingBaseline(results, baselinePath) is { } missing)
        {
            return missing;
        }

        var receivedPath = ReceivedPathFor(baselinePath);
        var baseline = BaselineFile.ReadMetrics(baselinePath);
        var actual = BaselineMetrics.Flatten(results);
        var differences = new List<CheckDifference>();
        foreach (var (path, expected) in baseline.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var allowed = Allowed(tolerances, path, expected);
            if (!actual.TryGetValue(path, out var value))
            {
                differences.Add(new CheckDifference(path, expected, null, allowed, CheckDifference.MissingInResults));
            }
            else if (!Within(value, expected, allowed))
            {
                differences.Add(new CheckDifference(path, expected, value, allowed, CheckDifference.OutOfTolerance));
            }
        }
        foreach (var (path, value) in actual.Where(a => !baseline.ContainsKey(a.Key)))
        {
            differences.Add(new CheckDifference(path, null, value, Allowed(tolerances, path, 0.0), CheckDifference.NewInResults));
        }

        if (differences.Count == 0)
        {
            // A received file left from an earlier failure no longer describes anything.
            File.Delete(receivedPath);
            return new CheckOutcome(true, [], baselinePath, baseline.Count);
        }

        AtomicFile.WriteAllText(receivedPath, BaselineFile.Serialize(results, actual, BaselineFile.WrittenByCheck));
        var failed = $"{differences.Count} of {baseline.Count} checked numbers differ from {baselinePath}; the actual numbers are in {receivedPath}.";
        return new CheckOutcome(false, differences, baselinePath, baseline.Count, receivedPath, failed);
    }

    public static void Accept(ExperimentResults results, string baselinePath) =>
        Accept(results, baselinePath, Environment.GetEnvironmentVariable);

    /// <summary>Writes the baseline from these results; <paramref name="getEnvironmentVariable"/> is how CI is detected.</summary>
    public static void Accept(ExperimentResults results, string baselinePath, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (string.Equals(getEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserErrorException(
                $"Refusing to accept a baseline for '{results.ExperimentId}' under CI (CI=true): baselines are accepted " +
                "on a developer machine after review and committed.");
        }

        var metrics = BaselineMetrics.Flatten(results);
        var notFinite = metrics.Where(m => !double.IsFinite(m.Value)).Select(m => m.Key).ToList();
        if (notFinite.Count > 0)
        {
            throw new UserErrorException(
                $"Refusing to accept a baseline with non-finite numbers: {string.Join(", ", notFinite)}.");
        }

        AtomicFile.WriteAllText(baselinePath, BaselineFile.Serialize(results, metrics, BaselineFile.WrittenByAccept));
        File.Delete(ReceivedPathFor(baselinePath));
    }

    /// <summary>Every number out of tolerance, with its baseline, actual, |diff| and allowed difference.</summary>
    public static string Describe(CheckOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Passed)
        {
            return $"Check passed: {outcome.Compared} numbers within tolerance of {outcome.BaselinePath}.";
        }

        var text = new StringBuilder();
        text.AppendLine($"Check FAILED: {outcome.Message ?? outcome.BaselinePath}");
        foreach (var d in outcome.Differences)
        {
            text.AppendLine(
                $"  {d.Path}: baseline {Format(d.Baseline)}, actual {Format(d.Actual)}, " +
                $"|diff| {Format(d.AbsoluteDifference)}, allowed {Format(d.Allowed)} ({d.Kind})");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary><c>x.json</c> → <c>x.received.json</c>, beside the baseline.</summary>
    public static string ReceivedPathFor(string baselinePath)
    {
        var withoutJson = baselinePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? baselinePath[..^".json".Length]
            : baselinePath;
        return withoutJson + ".received.json";
    }

    /// <summary>The difference allowed at <paramref name="path"/>: abs + rel·|baseline| of the first tolerance found.</summary>
    public static double Allowed(IReadOnlyDictionary<string, Tolerance> tolerances, string path, double baseline)
    {
        ArgumentNullException.ThrowIfNull(tolerances);
        foreach (var name in BaselineMetrics.ToleranceNames(path).Append(DefaultToleranceName))
        {
            if (tolerances.TryGetValue(name, out var tolerance))
            {
                return tolerance.Abs + tolerance.Rel * Math.Abs(baseline);
            }
        }
        return 0.0;
    }

    private static CheckOutcome? MissingBaseline(ExperimentResults results, string baselinePath)
    {
        if (File.Exists(baselinePath))
        {
            return null;
        }

        // Never create the baseline here: a first run must be looked at before it becomes the reference.
        var message =
            $"No baseline at {baselinePath}. Review this run, then accept it as the baseline (refused under CI).";
        return new CheckOutcome(false, [], baselinePath, 0, Message: message);
    }

    private static bool Within(double actual, double baseline, double allowed) =>
        !double.IsNaN(actual) && (actual == baseline || Math.Abs(actual - baseline) <= allowed);

    private static string Format(double? value) =>
        value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "—";
}
