using System.Text.RegularExpressions;

namespace OrthoRebasin.Tests.Architecture;

/// <summary>
/// The library's namespaces are layers: no namespace depends on itself through others. A dependency is a <c>using</c> of
/// another OrthoRebasin namespace, a fully qualified <c>OrthoRebasin.X.Type</c>, or the parent namespace a child sees
/// without a <c>using</c>.
/// </summary>
public sealed partial class NamespaceLayerTests
{
    [Fact]
    public void No_namespace_of_the_library_depends_on_itself_through_others()
    {
        // Given the dependencies read from every source file of the library
        var dependencies = Dependencies(Path.Combine(RepositoryRoot.Find(), "src", "OrthoRebasin"));

        // When
        var cycles = dependencies.Keys.Select(n => CycleThrough(n, dependencies)).OfType<string>().Distinct().ToList();

        // Then
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles));
        Assert.Contains("OrthoRebasin.Symmetry", dependencies["OrthoRebasin.Models"].Keys);
    }

    [Fact]
    public void A_cycle_is_found_with_the_files_that_make_it()
    {
        // Given two namespaces that use each other
        var dependencies = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "a.cs" },
            ["B"] = new() { ["A"] = "b.cs" },
        };

        // When
        var cycle = CycleThrough("A", dependencies);

        // Then
        Assert.Equal("A -> B (a.cs) -> A (b.cs)", cycle);
    }

    /// <summary>Namespace → (namespace it depends on → one file that makes the dependency).</summary>
    private static Dictionary<string, Dictionary<string, string>> Dependencies(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(folder, f), Text: File.ReadAllText(f)))
            .Where(f => !f.Relative.StartsWith("obj", StringComparison.Ordinal) && !f.Relative.StartsWith("bin", StringComparison.Ordinal))
            .Select(f => (f.Relative, f.Text, Namespace: NamespaceLine().Match(f.Text).Groups[1].Value))
            .ToList();
        var namespaces = files.Select(f => f.Namespace).ToHashSet(StringComparer.Ordinal);
        var dependencies = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (relative, text, own) in files)
        {
            // A qualified name's namespace is its longest prefix that is a namespace of the library.
            var qualified = Qualified().Matches(Comment().Replace(text, "")).Select(m => m.Value)
                .Select(name => Parents(name).FirstOrDefault(namespaces.Contains))
                .OfType<string>();
            var used = UsingLine().Matches(text).Select(m => m.Groups[1].Value).Concat(qualified).Concat(Parents(own));
            var edges = dependencies.TryGetValue(own, out var found) ? found : dependencies[own] = new(StringComparer.Ordinal);
            foreach (var target in used.Where(u => u != own))
            {
                edges.TryAdd(target, relative);
            }
        }

        return dependencies;
    }

    private static IEnumerable<string> Parents(string name)
    {
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.'))
        {
            yield return name = name[..dot];
        }
    }

    /// <summary>A path from <paramref name="start"/> back to itself, with the file behind each step, or null.</summary>
    private static string? CycleThrough(string start, IReadOnlyDictionary<string, Dictionary<string, string>> dependencies)
    {
        var queue = new Queue<(string Node, string Path)>([(start, start)]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var current))
        {
            foreach (var (target, file) in dependencies.GetValueOrDefault(current.Node) ?? [])
            {
                var path = $"{current.Path} -> {target} ({file})";
                if (target == start)
                {
                    return path;
                }

                if (seen.Add(target))
                {
                    queue.Enqueue((target, path));
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (?:static )?(OrthoRebasin(?:\.\w+)*)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\bOrthoRebasin(?:\.\w+)+")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
