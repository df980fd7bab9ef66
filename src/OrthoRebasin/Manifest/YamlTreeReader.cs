using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Reads YAML text into <see cref="ManifestNode"/>s from the parser's events, so every node keeps its position
/// and duplicate keys are caught (the parser itself accepts them). The tree is bounded before it is built: collections
/// nest at most <see cref="MaxDepth"/> deep and a document holds at most <see cref="MaxNodes"/> nodes, aliases counted
/// as what they stand for, so no walk of the tree (reading, merging overrides, binding) can exhaust the stack or the time.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>How deep collections may nest; a manifest needs fewer than 10 levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes a document may hold once every alias is expanded; a manifest needs a few hundred.</summary>
    public const long MaxNodes = 100_000;

    private const string Flatten = "A manifest needs fewer than 10 levels: flatten the nesting";

    /// <summary>The single document of <paramref name="text"/>, or null when the file holds none.</summary>
    public static ManifestNode? Read(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var reading = new Reading(file);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, reading, 0).Node;
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw new ManifestException(
                    file, Line(second.Start), Column(second.Start), "a second YAML document starts here. Keep one document per file");
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw new ManifestException(file, Line(ex.Start), Column(ex.Start), $"invalid YAML: {Describe(ex)}. Fix the syntax here", ex);
        }
        catch (InvalidOperationException ex) when (ex.Source == typeof(Parser).Assembly.GetName().Name)
        {
            // YamlDotNet's scanner throws this, without a position, when the stream ends inside a flow collection.
            var (line, column) = EndOf(text);
            throw new ManifestException(
                file, line, column, "invalid YAML: the file ends inside a flow collection. Close every '[' and '{'", ex);
        }
    }

    /// <summary>
    /// The next node, at <paramref name="level"/> collections deep, with its height (how many collections deep it reaches
    /// below itself) and its size (its nodes, aliases expanded).
    /// </summary>
    private static Subtree ReadNode(IParser parser, Reading reading, int level)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!reading.Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw reading.Error(
                    alias.Start, $"unknown alias '*{alias.Value.Value}'. Define '&{alias.Value.Value}' before using it");
            }

            if (level + target.Height > MaxDepth)
            {
                throw reading.Error(alias.Start, $"the alias '*{alias.Value.Value}' nests collections deeper than {MaxDepth} levels here. {Flatten}");
            }

            reading.Count(target.Size, alias.Start);
            return target;
        }

        Subtree read;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            reading.Count(1, scalar.Start);
            read = new(new ManifestScalar(reading.File, Line(scalar.Start), Column(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any), 0, 1);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            reading.Enter(level + 1, sequenceStart.Start);
            var items = new List<ManifestNode>();
            var (height, size) = (0, 1L);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = ReadNode(parser, reading, level + 1);
                items.Add(item.Node);
                (height, size) = (Math.Max(height, item.Height), size + item.Size);
            }

            read = new(new ManifestSequence(reading.File, Line(sequenceStart.Start), Column(sequenceStart.Start), items), height + 1, size);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            reading.Enter(level + 1, mappingStart.Start);
            read = ReadMapping(parser, reading, level + 1, mappingStart);
        }

        if (!start.Anchor.IsEmpty)
        {
            reading.Anchors[start.Anchor.Value] = read;
        }

        return read;
    }

    private static Subtree ReadMapping(IParser parser, Reading reading, int level, MappingStart start)
    {
        var entries = new List<KeyValuePair<ManifestScalar, ManifestNode>>();
        var seen = new Dictionary<string, ManifestScalar>(StringComparer.Ordinal);
        var (height, size) = (0, 1L);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, reading, level).Node;
            if (keyNode is not ManifestScalar key || key.IsNull)
            {
                throw new ManifestException(keyNode, $"a key must be a plain name, got {keyNode.Describe()}. Write 'name: value'");
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                throw new ManifestException(
                    key, $"duplicate key '{key.Value}' (first written at line {first.Line}, column {first.Column}). Remove one of them");
            }

            seen.Add(key.Value, key);
            var value = ReadNode(parser, reading, level);
            entries.Add(new(key, value.Node));
            (height, size) = (Math.Max(height, value.Height), size + 1 + value.Size);
        }

        return new(new ManifestMapping(reading.File, Line(start.Start), Column(start.Start), entries), height + 1, size);
    }

    /// <summary>A node read, with how many collections deep it reaches (0 for a scalar) and its nodes, aliases expanded.</summary>
    private sealed record Subtree(ManifestNode Node, int Height, long Size);

    /// <summary>One document being read: its file, its anchors, and how many nodes it holds so far.</summary>
    private sealed class Reading(string file)
    {
        private long _nodes;

        public string File { get; } = file;

        public Dictionary<string, Subtree> Anchors { get; } = new(StringComparer.Ordinal);

        /// <summary>A collection starts at <paramref name="mark"/>, <paramref name="level"/> deep.</summary>
        public void Enter(int level, Mark mark)
        {
            if (level > MaxDepth)
            {
                throw Error(mark, $"collections nest deeper than {MaxDepth} levels here. {Flatten}");
            }

            Count(1, mark);
        }

        /// <summary><paramref name="nodes"/> more nodes at <paramref name="mark"/>.</summary>
        public void Count(long nodes, Mark mark)
        {
            _nodes += nodes;
            if (_nodes > MaxNodes)
            {
                throw Error(
                    mark, $"the document holds more than {MaxNodes} values here, aliases counted as what they stand for. A manifest needs a few hundred: write fewer");
            }
        }

        public ManifestException Error(Mark mark, string problem) => new(File, Line(mark), Column(mark), problem);
    }

    // The exception's message repeats the position; the location prefix of ManifestException already says it.
    private static string Describe(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        var text = (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static (int Line, int Column) EndOf(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return (lines.Length, lines[^1].Length + 1);
    }

    private static int Line(Mark mark) => (int)mark.Line;

    private static int Column(Mark mark) => (int)mark.Column;
}
