using System.Text.RegularExpressions;
using OrthoRebasin.Models;

namespace OrthoRebasin.Import;

/// <summary>
/// Which checkpoint tensor becomes which parameter here. Either explicit, a dictionary from checkpoint names to this
/// project's names (a null name drops the tensor: it is not imported but is written back on export), or
/// <see cref="Recognised"/>, which knows the layouts PyTorch code commonly produces:
/// <list type="bullet">
/// <item>the project's own names, so that an exported model imports again;</item>
/// <item>any of them behind a <c>module.</c> (DataParallel, DistributedDataParallel) or <c>model.</c> prefix;</item>
/// <item>for an <see cref="Mlp"/>, any chain of Linear layers: an <c>nn.Sequential</c> (<c>0</c>, <c>2</c>, <c>4</c>, ...
/// with activations between), named submodules (<c>fc1</c>, <c>fc2</c>, <c>fc3</c>; <c>net.0</c>, ...), mapped in order
/// onto <c>layers.0</c>, <c>layers.1</c>, ....</item>
/// </list>
/// BatchNorm's <c>num_batches_tracked</c> counters, which no model here computes with, are carried through to the export.
/// </summary>
public sealed partial class NameMapping
{
    private NameMapping(IReadOnlyDictionary<string, string?>? entries)
    {
        Entries = entries;
    }

    /// <summary>The recognised layouts, no mapping needed.</summary>
    public static NameMapping Recognised { get; } = new(null);

    /// <summary>The prefixes that wrappers put before every name (<c>nn.DataParallel</c>'s <c>module.</c>, a Lightning-style <c>model.</c>).</summary>
    public static IReadOnlyList<string> WrapperPrefixes { get; } = ["module.", "model."];

    /// <summary>The checkpoint → project names of an explicit mapping; null for <see cref="Recognised"/>.</summary>
    public IReadOnlyDictionary<string, string?>? Entries { get; }

    /// <summary>
    /// An explicit mapping: checkpoint name → name here, or null to leave the tensor out of the import (it is written
    /// back on export). The names it does not list are matched as without a mapping, among the tensors it keeps, so a
    /// mapping lists only what the recognised layouts get wrong or cannot know.
    /// Keys may be written with or without the wrapper prefix.
    /// </summary>
    public static NameMapping Explicit(IReadOnlyDictionary<string, string?> entries) => new(new Dictionary<string, string?>(entries));

    /// <summary>
    /// For every checkpoint tensor (name and shape), its name here or null (carried through, not imported); which
    /// checkpoint names an explicit entry mapped; how the rest were matched; and, when a recognised layout almost fits,
    /// why it does not (for the error).
    /// </summary>
    internal Resolution Resolve(
        IReadOnlyList<(string Name, long[] Shape)> checkpoint, IArchitecture architecture, IReadOnlyList<(string Name, long[] Shape)> expected)
    {
        var expectedNames = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var stripped = StripWrapperPrefixes(checkpoint.Select(c => c.Name).ToList());
        var targets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, _) in checkpoint)
        {
            targets[name] = Carried(stripped[name], expectedNames) ? null : stripped[name];
        }

        // Explicit entries decide their names; the recognised layouts are found among the tensors not dropped.
        var listed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, _) in checkpoint)
        {
            if (Entries is not null && (Entries.TryGetValue(name, out var target) || Entries.TryGetValue(stripped[name], out target)))
            {
                listed[name] = target;
            }
        }

        var prefixNote = checkpoint.Any(c => stripped[c.Name] != c.Name) ? $" behind a '{WrapperPrefixOf(checkpoint, stripped)}' prefix" : "";
        var explicitNote = listed.Count > 0 ? "the explicit mapping; the rest as " : "";
        var kept = checkpoint.Where(c => (listed.TryGetValue(c.Name, out var t) ? t : targets[c.Name]) is not null).ToList();
        string recognisedAs;
        string? note = null;
        if (kept.Select(c => listed.TryGetValue(c.Name, out var t) ? t! : targets[c.Name]!).ToHashSet(StringComparer.Ordinal).SetEquals(expectedNames))
        {
            recognisedAs = "this project's names";
        }
        else if (architecture is Mlp mlp && LinearModules(kept.Select(c => (stripped[c.Name], c.Shape, c.Name)).ToList()) is { } modules)
        {
            if (modules.Count == mlp.Depth)
            {
                var chain = LinearChain(modules, mlp);
                foreach (var (source, target) in chain.Targets)
                {
                    targets[source] = target;
                }

                recognisedAs = $"a chain of Linear layers ({string.Join(", ", chain.Modules)}) in order onto layers.0 to layers.{mlp.Depth - 1}";
            }
            else
            {
                recognisedAs = "the names as they are";
                note = $"The checkpoint holds {modules.Count} Linear layers ({string.Join(", ", modules.Select(m => m.Key!).Order(NaturalOrder.Instance))}) and {architecture.Describe()} has {mlp.Depth}: declare the model with the checkpoint's layers.";
            }
        }
        else
        {
            recognisedAs = "the names as they are";
        }

        foreach (var (source, target) in listed)
        {
            targets[source] = target;
        }

        return new Resolution(targets, [.. listed.Keys], listed.Count == checkpoint.Count ? "the explicit mapping" : explicitNote + recognisedAs + prefixNote, note);
    }

    /// <summary>A name that no model here computes with but that PyTorch's module expects back.</summary>
    private static bool Carried(string name, HashSet<string> expected) =>
        !expected.Contains(name) && name.Split('.')[^1] == "num_batches_tracked";

    /// <summary>Every name without its wrapper prefixes, unless removing them would make two names one.</summary>
    private static Dictionary<string, string> StripWrapperPrefixes(IReadOnlyList<string> names)
    {
        var stripped = names.ToDictionary(n => n, n =>
        {
            var name = n;
            while (WrapperPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal) && name.Length > p.Length) is { } prefix)
            {
                name = name[prefix.Length..];
            }

            return name;
        }, StringComparer.Ordinal);
        return stripped.Values.Distinct(StringComparer.Ordinal).Count() == names.Count ? stripped : names.ToDictionary(n => n, n => n, StringComparer.Ordinal);
    }

    private static string WrapperPrefixOf(IReadOnlyList<(string Name, long[] Shape)> checkpoint, Dictionary<string, string> stripped)
    {
        var (name, _) = checkpoint.First(c => stripped[c.Name] != c.Name);
        return name[..^stripped[name].Length];
    }

    /// <summary>
    /// The checkpoint's modules when every one is a Linear layer (a 2-D weight and a 1-D bias, or the weight alone of a
    /// layer without bias, which the import then reports as missing), by module name (<c>fc1</c>, <c>0</c>); null otherwise.
    /// </summary>
    private static List<IGrouping<string?, (string Name, long[] Shape, string Source)>>? LinearModules(IReadOnlyList<(string Name, long[] Shape, string Source)> tensors)
    {
        var modules = tensors.GroupBy(t => ModuleOf(t.Name)).ToList();
        return modules.Count > 0 && modules.All(m => m.Key is not null
                && m.SingleOrDefault(t => t.Name.EndsWith(".weight", StringComparison.Ordinal)).Shape is { Length: 2 }
                && (m.Count() == 1 || m.SingleOrDefault(t => t.Name.EndsWith(".bias", StringComparison.Ordinal)).Shape is { Length: 1 }))
            ? modules
            : null;
    }

    /// <summary>
    /// The Linear modules of an MLP checkpoint, as many as the MLP has layers, mapped onto <c>layers.{i}</c>. The order
    /// is the modules' names in natural order (<c>2</c> before <c>10</c>, <c>fc2</c> before <c>fc10</c>), which is
    /// definition order for Sequential indices and numbered names; when that order does not chain (each layer's inputs
    /// the previous one's outputs, the first taking the inputs, the last giving the classes) the first order in natural
    /// order that does is taken, so <c>input</c>, <c>hidden</c>, <c>output</c> also map. If none chains, the natural
    /// order is kept and the import reports the first mis-shaped tensor.
    /// </summary>
    private static (List<KeyValuePair<string, string>> Targets, List<string> Modules) LinearChain(
        List<IGrouping<string?, (string Name, long[] Shape, string Source)>> modules, Mlp mlp)
    {
        var natural = modules.Select(m => m.Key!).Order(NaturalOrder.Instance).ToList();
        var weights = modules.ToDictionary(m => m.Key!, m => m.Single(t => t.Name.EndsWith(".weight", StringComparison.Ordinal)).Shape);
        var order = Chain(natural, weights, mlp.Widths, []) ?? natural;
        var targets = new List<KeyValuePair<string, string>>();
        for (var layer = 0; layer < order.Count; layer++)
        {
            foreach (var (name, _, source) in modules.Single(m => m.Key == order[layer]))
            {
                targets.Add(KeyValuePair.Create(source, name.EndsWith(".weight", StringComparison.Ordinal) ? Mlp.WeightName(layer) : Mlp.BiasName(layer)));
            }
        }

        return (targets, order);
    }

    /// <summary>The first order of <paramref name="remaining"/> (tried in the given order) whose weights chain through <paramref name="widths"/>.</summary>
    private static List<string>? Chain(List<string> remaining, Dictionary<string, long[]> weights, IReadOnlyList<int> widths, List<string> chosen)
    {
        if (remaining.Count == 0)
        {
            return chosen;
        }

        var layer = chosen.Count;
        foreach (var module in remaining.Where(m => weights[m][0] == widths[layer + 1] && weights[m][1] == widths[layer]))
        {
            if (Chain([.. remaining.Where(m => m != module)], weights, widths, [.. chosen, module]) is { } order)
            {
                return order;
            }
        }

        return null;
    }

    private static string? ModuleOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name[(dot + 1)..] is "weight" or "bias" ? name[..dot] : null;
    }

    /// <summary>Names compared with their digit runs as numbers: <c>layer2</c> before <c>layer10</c>, <c>net.2</c> before <c>net.10</c>.</summary>
    private sealed partial class NaturalOrder : IComparer<string>
    {
        public static NaturalOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var left = Runs().Matches(x ?? "");
            var right = Runs().Matches(y ?? "");
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                var (a, b) = (left[i].Value, right[i].Value);
                var compared = char.IsAsciiDigit(a[0]) && char.IsAsciiDigit(b[0]) ? CompareNumbers(a, b) : string.CompareOrdinal(a, b);
                if (compared != 0)
                {
                    return compared;
                }
            }

            return left.Count.CompareTo(right.Count);
        }

        /// <summary>Two digit runs as numbers of any length: fewer significant digits is smaller, then digit by digit.</summary>
        private static int CompareNumbers(string a, string b)
        {
            var (x, y) = (a.TrimStart('0'), b.TrimStart('0'));
            return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
        }

        [GeneratedRegex(@"\d+|\D+")]
        private static partial Regex Runs();
    }
}

/// <summary>How <see cref="NameMapping.Resolve"/> matched a checkpoint's names.</summary>
internal sealed record Resolution(Dictionary<string, string?> Targets, HashSet<string> Listed, string RecognisedAs, string? Note);
