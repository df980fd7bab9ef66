using System.Text;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Expands an experiment's <c>sweep:</c> mapping (dotted recipe key → list of values) into its points: the Cartesian
/// product of the lists, the first key varying slowest. Each point is an override mapping built from the dotted keys,
/// whose values are the nodes written in the sweep list, so the loader merges it like a hand-written override and every
/// error about a value points inside the sweep.
/// </summary>
internal static class SweepExpander
{
    /// <summary>
    /// At most this many points per sweep: each point is a whole experiment (up to ~45 minutes in the full tier) and one
    /// job of the nightly matrix, which GitHub Actions caps at 256 jobs per workflow run.
    /// </summary>
    public const int MaxPoints = 100;

    /// <summary>One point: the child's id, its override mapping, where it was written, and its coordinates.</summary>
    public sealed record Point(string Id, ManifestMapping Overrides, ManifestNode Where, SweepPoint Sweep);

    public static IReadOnlyList<Point> Expand(ManifestNode sweep, string parentId, string path)
    {
        if (sweep is not ManifestMapping mapping)
        {
            throw new ManifestException(
                sweep, $"{path}: expected a mapping, got {sweep.Describe()}. Write dotted recipe keys and their values, e.g. 'model.hidden: [[128], [512]]'");
        }

        if (mapping.Entries.Count == 0)
        {
            throw new ManifestException(mapping, $"{path} is empty. Write at least one dotted recipe key and its values, or remove '{ManifestLoader.SweepKey}'");
        }

        var axes = new List<(ManifestScalar Key, string[] Segments, IReadOnlyList<ManifestNode> Values)>();
        long count = 1;
        foreach (var (key, values) in mapping.Entries)
        {
            var segments = key.Value.Split('.');
            if (segments.Any(s => s.Length == 0))
            {
                throw new ManifestException(key, $"{path}: '{key.Value}' is not a dotted recipe key. Write e.g. 'model.hidden' or 'training.epochs'");
            }

            if (values is not ManifestSequence sequence)
            {
                throw new ManifestException(
                    values, $"{ManifestText.Child(path, key.Value)}: expected a sequence of values, got {values.Describe()}. Write one value per point, e.g. [2, 5]");
            }

            if (sequence.Items.Count == 0)
            {
                throw new ManifestException(sequence, $"{ManifestText.Child(path, key.Value)} is empty. Write at least one value");
            }

            count *= sequence.Items.Count;
            axes.Add((key, segments, sequence.Items));
        }

        if (count > MaxPoints)
        {
            throw new ManifestException(
                mapping,
                $"{path} has {count} points, more than {MaxPoints}: each point is a whole experiment and one job of the nightly matrix. Split the sweep into several experiments or use fewer values");
        }

        var points = new List<Point>();
        var indices = new int[axes.Count];
        for (var n = 0; n < count; n++)
        {
            var rest = n;
            for (var a = axes.Count - 1; a >= 0; a--)
            {
                indices[a] = rest % axes[a].Values.Count;
                rest /= axes[a].Values.Count;
            }

            var entries = new List<KeyValuePair<ManifestScalar, ManifestNode>>();
            var coordinates = new List<SweepCoordinate>();
            var id = new StringBuilder(parentId);
            ManifestNode where = mapping;
            for (var a = 0; a < axes.Count; a++)
            {
                var (key, segments, values) = axes[a];
                var value = values[indices[a]];
                entries.Add(new(Scalar(key, segments[0]), Nest(key, segments, 1, value)));
                coordinates.Add(new SweepCoordinate(key.Value, Text(value)));
                id.Append('.').Append(segments[^1]).Append('-').Append(Slug(value, indices[a]));
                where = value;
            }

            // Keys repeated across axes (model and model.hidden) merge like any override: later keys win.
            var overrides = entries.Aggregate(
                new ManifestMapping(mapping.File, mapping.Line, mapping.Column, []),
                (merged, entry) => (ManifestMapping)OverrideMerger.Merge(merged, new ManifestMapping(mapping.File, mapping.Line, mapping.Column, [entry])));
            var childId = id.ToString();
            if (Names.Problem(childId) is { } problem)
            {
                throw new ManifestException(
                    where,
                    $"{path}: the point's experiment id '{childId}' is not a valid id: {problem} ({Names.Rule}). Shorten the experiment id or the values");
            }

            points.Add(new Point(childId, overrides, where, new SweepPoint(parentId, coordinates)));
        }

        return points;
    }

    /// <summary>A value as a readable, id-safe slug: 128 → 128, [128, 128, 128] → 128x3, [64, 32] → 64-32, 0.001 → 0p001, mnist → mnist.</summary>
    public static string Slug(ManifestNode value, int index) => value switch
    {
        ManifestScalar s => ScalarSlug(s.Value) is { Length: > 0 } slug ? slug : $"{index + 1}",
        ManifestSequence { Items.Count: > 0 } q when q.Items.All(i => i is ManifestScalar) => SequenceSlug(q.Items.Select(i => ScalarSlug(((ManifestScalar)i).Value)).ToList(), index),
        _ => $"{index + 1}",
    };

    private static string SequenceSlug(List<string> items, int index)
    {
        if (items.Any(i => i.Length == 0))
        {
            return $"{index + 1}";
        }

        return items.Count > 1 && items.All(i => i == items[0]) ? $"{items[0]}x{items.Count}" : string.Join("-", items);
    }

    private static string ScalarSlug(string value)
    {
        var text = value.Trim().ToLowerInvariant();
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c == '.')
            {
                builder.Append('p');
            }
            else if (c == '-' && builder.Length == 0)
            {
                builder.Append('m');
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private static ManifestNode Nest(ManifestScalar key, string[] segments, int from, ManifestNode value) =>
        from == segments.Length
            ? value
            : new ManifestMapping(key.File, key.Line, key.Column, [new(Scalar(key, segments[from]), Nest(key, segments, from + 1, value))]);

    private static ManifestScalar Scalar(ManifestScalar key, string segment) => new(key.File, key.Line, key.Column, segment, IsPlain: true);

    /// <summary>A value as written, compactly: 2, [128, 128], { width: 8 }.</summary>
    private static string Text(ManifestNode node) => node switch
    {
        ManifestScalar s => s.Value,
        ManifestSequence q => "[" + string.Join(", ", q.Items.Select(Text)) + "]",
        ManifestMapping m => "{ " + string.Join(", ", m.Entries.Select(e => $"{e.Key.Value}: {Text(e.Value)}")) + " }",
        _ => node.Describe(),
    };
}
