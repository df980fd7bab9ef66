using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Reads YAML text into <see cref="ManifestNode"/>s from the parser's events, so every node keeps its position
/// and duplicate keys are caught (the parser itself accepts them).
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>The single document of <paramref name="text"/>, or null when the file holds none.</summary>
    public static ManifestNode? Read(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, anchors);
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

    private static ManifestNode ReadNode(IParser parser, string file, Dictionary<string, ManifestNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new ManifestException(
                    file, Line(alias.Start), Column(alias.Start), $"unknown alias '*{alias.Value.Value}'. Define '&{alias.Value.Value}' before using it");
        }

        ManifestNode node;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = new ManifestScalar(file, Line(scalar.Start), Column(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            var items = new List<ManifestNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, anchors));
            }

            node = new ManifestSequence(file, Line(sequenceStart.Start), Column(sequenceStart.Start), items);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            node = ReadMapping(parser, file, anchors, mappingStart);
        }

        if (!start.Anchor.IsEmpty)
        {
            anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private static ManifestMapping ReadMapping(IParser parser, string file, Dictionary<string, ManifestNode> anchors, MappingStart start)
    {
        var entries = new List<KeyValuePair<ManifestScalar, ManifestNode>>();
        var seen = new Dictionary<string, ManifestScalar>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, file, anchors);
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
            entries.Add(new(key, ReadNode(parser, file, anchors)));
        }

        return new ManifestMapping(file, Line(start.Start), Column(start.Start), entries);
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
