using System.Globalization;

namespace OrthoRebasin.Results;

/// <summary>
/// The sweep point an experiment is, as its results record it: the id of the manifest entry that declared the sweep
/// (<see cref="Parent"/>) and the value of each swept key, in the order written, so a combined report can gather a
/// sweep's points and plot a metric against a key.
/// </summary>
public sealed record ExperimentSweep(string Parent, IReadOnlyList<SweepValue> Coordinates)
{
    /// <summary>Whether <paramref name="other"/> names the same parent and the same keys with the same values, in the same order.</summary>
    public bool SamePoint(ExperimentSweep? other) =>
        other is not null && other.Parent == Parent && other.Coordinates.SequenceEqual(Coordinates);
}

/// <summary>One swept key (dotted, as written, e.g. <c>model.hidden</c>) and this point's value as written (<c>[128, 128]</c>, <c>mnist</c>).</summary>
public sealed record SweepValue(string Key, string Value)
{
    /// <summary>
    /// The number a value gives on a figure's axis: a scalar number as itself (<c>0.01</c> → 0.01), a list of numbers as
    /// its first element (<c>[512, 512]</c> → 512, the width of a hidden-layer list), anything else (<c>mnist</c>, an
    /// empty list, a mapping, a list of lists) none.
    /// </summary>
    public static double? NumberOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1].Split(',')[0].Trim();
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
    }

    /// <summary>Whether the value is a list (<c>[128, 128]</c>), so that its number is the list's first element.</summary>
    public static bool IsList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.TrimStart().StartsWith('[');
    }
}
