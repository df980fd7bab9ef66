using OrthoRebasin.Results;

namespace OrthoRebasin.Published;

/// <summary>How a measured number stands against a published one.</summary>
public enum PublishedVerdict
{
    /// <summary>The experiment's results are absent, or lack the method, path, split or metric.</summary>
    NotMeasured,

    /// <summary>|measured − published| ≤ the published uncertainty + our seed-to-seed std.</summary>
    Agrees,

    /// <summary>Not within that, but the difference to the compared entry has the published sign.</summary>
    SameDirection,

    /// <summary>Neither.</summary>
    DoesNotReproduce,
}

/// <summary>A published entry beside what its experiment measured.</summary>
/// <param name="Measured">Mean ± sample std over seed pairs (std 0 for one pair); null when not measured.</param>
/// <param name="Allowed">The agreement bound: published uncertainty (0 when none is stated) plus our std.</param>
public sealed record Comparison(PublishedEntry Entry, MeanStd? Measured, double Allowed, PublishedVerdict Verdict, string Why);

/// <summary>
/// Sets a published number beside the measured one (docs/METHODS.md §5, "Published numbers"). A number with neither a
/// published uncertainty nor a seed spread of ours (one pair) agrees only when it is equal: the verdict then rests on
/// the direction.
/// </summary>
public static class PublishedComparison
{
    /// <summary>
    /// The verdict of <paramref name="entry"/> against <paramref name="results"/> (its experiment's, or null when not
    /// run), reading the direction against <paramref name="reference"/>'s entry when it names one.
    /// </summary>
    public static Comparison Compare(PublishedEntry entry, PublishedEntry? reference, ExperimentResults? results)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var measured = Measure(entry, results);
        if (measured is null)
        {
            var why = results is null
                ? $"no results of {entry.Experiment}: run it"
                : $"{entry.Experiment}'s results have no {entry.Metric} for {entry.Method} along {entry.Path} on {entry.Split}";
            return new Comparison(entry, null, double.NaN, PublishedVerdict.NotMeasured, why);
        }

        var allowed = (entry.Uncertainty ?? 0) + measured.Std;
        var difference = measured.Mean - entry.Value;
        if (Math.Abs(difference) <= allowed)
        {
            return new Comparison(entry, measured, allowed, PublishedVerdict.Agrees, $"|{difference:G3}| ≤ {allowed:G3}");
        }

        if (reference is not null && Measure(reference, results) is { } measuredReference)
        {
            var published = Math.Sign(entry.Value - reference.Value);
            var here = Math.Sign(measured.Mean - measuredReference.Mean);
            var against = $"against {reference.Id}: published {Arrow(published)}, measured {Arrow(here)}";
            return published != 0 && published == here
                ? new Comparison(entry, measured, allowed, PublishedVerdict.SameDirection, against)
                : new Comparison(entry, measured, allowed, PublishedVerdict.DoesNotReproduce, against);
        }

        return new Comparison(entry, measured, allowed, PublishedVerdict.DoesNotReproduce,
            $"|{difference:G3}| > {allowed:G3}" + (reference is null ? "; no entry to read a direction against" : $"; {reference.Id} not measured"));
    }

    /// <summary>Every entry of <paramref name="registry"/> whose experiment is among <paramref name="results"/> or named, in file order.</summary>
    public static IReadOnlyList<Comparison> CompareAll(PublishedNumbers registry, IReadOnlyList<PublishedEntry> entries, Func<string, ExperimentResults?> resultsOf)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(resultsOf);
        return entries.Select(e => Compare(e, registry.Find(e.CompareTo), resultsOf(e.Experiment))).ToList();
    }

    /// <summary>The words a report shows for a verdict.</summary>
    public static string Describe(PublishedVerdict verdict) => verdict switch
    {
        PublishedVerdict.Agrees => "agrees",
        PublishedVerdict.SameDirection => "same direction",
        PublishedVerdict.DoesNotReproduce => "does not reproduce",
        _ => "not measured",
    };

    private static MeanStd? Measure(PublishedEntry entry, ExperimentResults? results) =>
        results?.Summary.FirstOrDefault(s => s.Method == entry.Method && s.Path == entry.Path && s.Split == entry.Split) is { } summary
        && summary.Metrics.TryGetValue(entry.Metric, out var value) && double.IsFinite(value.Mean)
            ? value
            : null;

    private static string Arrow(int sign) => sign switch
    {
        > 0 => "↑",
        < 0 => "↓",
        _ => "=",
    };
}
