using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

/// <summary>
/// A sweep as combined results hold it: the points of one parent entry (<see cref="ExperimentResults.Sweep"/>) among
/// the results, ordered by their values (a key whose values give numbers by number, first key first), and the keys
/// swept, in the order written.
/// </summary>
internal sealed record CombinedSweep(string Parent, IReadOnlyList<string> Keys, IReadOnlyList<ExperimentResults> Points)
{
    /// <summary>The sweeps among <paramref name="experiments"/>, in order of first appearance; an experiment that is not a sweep point is in none.</summary>
    public static IReadOnlyList<CombinedSweep> Of(IReadOnlyList<ExperimentResults> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var sweeps = new List<CombinedSweep>();
        foreach (var points in experiments.Where(e => e.Sweep is not null).GroupBy(e => e.Sweep!.Parent, StringComparer.Ordinal))
        {
            var keys = points.SelectMany(p => p.Sweep!.Coordinates.Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
            var ordered = points.OrderBy(_ => 0);
            foreach (var key in keys)
            {
                var numeric = points.All(p => SweepValue.NumberOf(ValueOf(p, key)) is not null);
                ordered = numeric
                    ? ordered.ThenBy(p => SweepValue.NumberOf(ValueOf(p, key))!.Value)
                    : ordered.ThenBy(p => ValueOf(p, key), StringComparer.Ordinal);
            }

            sweeps.Add(new CombinedSweep(points.Key, keys, ordered.ThenBy(p => p.ExperimentId, StringComparer.Ordinal).ToList()));
        }

        return sweeps;
    }

    /// <summary>The value of <paramref name="key"/> at <paramref name="point"/>, as written; empty when the point does not sweep the key.</summary>
    public static string ValueOf(ExperimentResults point, string key) =>
        point.Sweep?.Coordinates.FirstOrDefault(c => c.Key == key)?.Value ?? "";

    /// <summary>
    /// The keys a figure can put on its x axis: every point's value gives a number (<see cref="SweepValue.NumberOf"/>)
    /// and different values give different numbers (<c>[128]</c> and <c>[128, 128]</c> both give 128: a depth sweep has
    /// no width axis).
    /// </summary>
    public IReadOnlyList<SweepAxis> Axes =>
        [.. Keys
            .Where(key =>
            {
                var values = Points.Select(p => ValueOf(p, key)).Distinct(StringComparer.Ordinal).ToList();
                var numbers = values.Select(SweepValue.NumberOf).ToList();
                return numbers.All(n => n is not null) && numbers.Distinct().Count() == values.Count;
            })
            .Select(key =>
            {
                var numbers = Points.Select(p => SweepValue.NumberOf(ValueOf(p, key))!.Value).ToList();
                var list = Points.Any(p => SweepValue.IsList(ValueOf(p, key)));
                var leaf = key.Split('.')[^1];
                var label = !list ? key : leaf == "hidden" ? $"width ({key})" : $"first element of {key}";
                // Widths and rates spread over a factor of 4 or more read best on a log₂ axis.
                var log2 = numbers.All(n => n > 0) && numbers.Max() >= 4 * numbers.Min();
                return new SweepAxis(key, label, log2);
            })];

    /// <summary>
    /// The points grouped by the values of every key but <paramref name="key"/> (one group when only it is swept), each
    /// group with a label (<c>data.dataset = mnist</c>, empty for the only group) and a slug for file names
    /// (<c>-dataset-mnist</c>, empty for the only group).
    /// </summary>
    public IReadOnlyList<SweepGroup> GroupsAlong(string key)
    {
        var others = Keys.Where(k => k != key).ToList();
        return Points
            .GroupBy(p => string.Join("\u001f", others.Select(k => ValueOf(p, k))), StringComparer.Ordinal)
            .Select(g => new SweepGroup(
                string.Join(", ", others.Select(k => $"{k} = {ValueOf(g.First(), k)}")),
                string.Concat(others.Select(k => $"-{Slug(k.Split('.')[^1])}-{Slug(ValueOf(g.First(), k))}")),
                g.ToList()))
            .ToList();
    }

    /// <summary>A point's column heading: its values, in the order of the keys.</summary>
    public string Heading(ExperimentResults point) => string.Join(" · ", Keys.Select(k => ValueOf(point, k)));

    /// <summary>A value as a file-name slug: lower-case letters and digits, <c>.</c> as <c>p</c>, any other run of characters as one <c>-</c>.</summary>
    public static string Slug(string value)
    {
        var slug = new StringBuilder();
        foreach (var c in value.Trim().ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                slug.Append(c);
            }
            else if (c == '.')
            {
                slug.Append('p');
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-') is { Length: > 0 } text ? text : "x";
    }
}

/// <summary>A swept key on a figure's x axis: its label (saying when the number is a list's first element) and whether the axis is log₂.</summary>
internal sealed record SweepAxis(string Key, string Label, bool Log2);

/// <summary>The points of a sweep that share the values of every other swept key.</summary>
internal sealed record SweepGroup(string Label, string Slug, IReadOnlyList<ExperimentResults> Points);
