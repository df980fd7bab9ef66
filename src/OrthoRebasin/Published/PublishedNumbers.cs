using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Published;

/// <summary>
/// The registry of published numbers (<c>published.yaml</c> beside experiments.yaml, written by hand): each entry cites
/// where a number was published, names the experiment (or sweep point) that reproduces its setup and the curve metric
/// it is, and says how the setups differ. Reports set each entry beside what the experiment measured, with a verdict
/// (<see cref="PublishedComparison"/>). Every problem in the file is a <see cref="ManifestException"/> with its line and
/// column.
/// </summary>
public sealed record PublishedNumbers
{
    /// <summary>The file name, beside experiments.yaml.</summary>
    public const string FileName = "published.yaml";

    /// <summary>The source id of the study this project started from; its entries also feed each report's study comparison.</summary>
    public const string StudySource = "study";

    /// <summary>The splits a curve is evaluated on.</summary>
    public static IReadOnlyList<string> Splits { get; } = ["test", "train"];

    /// <summary>An empty registry: reports without published numbers.</summary>
    public static PublishedNumbers Empty { get; } = new() { Sources = new Dictionary<string, PublishedSource>(), Entries = [] };

    /// <summary>Source id → how to cite it.</summary>
    public required IReadOnlyDictionary<string, PublishedSource> Sources { get; init; }

    public required IReadOnlyList<PublishedEntry> Entries { get; init; }

    /// <summary>The entries whose numbers an experiment reproduces, in file order.</summary>
    public IReadOnlyList<PublishedEntry> For(string experimentId) => Entries.Where(e => e.Experiment == experimentId).ToList();

    /// <summary>The entry <paramref name="id"/>, or null.</summary>
    public PublishedEntry? Find(string? id) => id is null ? null : Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>The registry beside <paramref name="manifestPath"/>, checked against its experiments; empty when there is no file.</summary>
    public static PublishedNumbers LoadBeside(string manifestPath, IEnumerable<string> experimentIds)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? "", FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), experimentIds, path) : Empty;
    }

    /// <summary>
    /// Reads a registry from <paramref name="text"/> and checks every reference in it: the source, the experiment (one of
    /// <paramref name="experimentIds"/>, sweep points included), the method, the path label, the split, the metric and the
    /// entry it is compared to. Errors name <paramref name="file"/>, line and column.
    /// </summary>
    public static PublishedNumbers Parse(string text, IEnumerable<string> experimentIds, string file = FileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = YamlTreeReader.Read(file, text) ?? throw new ManifestException(file, 0, 0, "the file is empty. Write sources: and entries:, or delete the file");
        var registry = RecordBinder.Bind<PublishedNumbers>(root, "");
        var experiments = experimentIds.ToHashSet(StringComparer.Ordinal);
        var nodes = ((root as ManifestMapping)?.Find("entries") as ManifestSequence)?.Items ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < registry.Entries.Count; i++)
        {
            var entry = registry.Entries[i];
            var node = (ManifestMapping)nodes[i];
            var path = ManifestText.Item("entries", i);
            Check(seen.Add(entry.Id), node, "id", $"{path}: the id '{entry.Id}' is used by an earlier entry. Give each entry its own id");
            Check(registry.Sources.ContainsKey(entry.Source), node, "source",
                $"{path}: unknown source '{entry.Source}'. " + ManifestText.Suggest(entry.Source, registry.Sources.Keys, "Add it under sources: or name one of " + string.Join(", ", registry.Sources.Keys)));
            Check(experiments.Contains(entry.Experiment), node, "experiment",
                $"{path}: unknown experiment '{entry.Experiment}' (not in the manifest, nor a point of its sweeps). " + ManifestText.Suggest(entry.Experiment, experiments, "Name an experiment id or sweep point id from `orthorebasin list`"));
            Check(AlignmentMethods.Registry.Find(entry.Method) is not null, node, "method",
                $"{path}: unknown method '{entry.Method}'. " + ManifestText.Suggest(entry.Method, AlignmentMethods.Registry.Ids, "Name a registered method"));
            Check(IsPathLabel(entry.Path), node, "path",
                $"{path}: unknown path '{entry.Path}'. Write a path id ({string.Join(", ", InterpolationPaths.Registry.Ids)}), optionally followed by -repair, -rescale or -reshift");
            Check(Splits.Contains(entry.Split), node, "split", $"{path}: unknown split '{entry.Split}'. Write one of {string.Join(", ", Splits)}");
            Check(CurveMetrics.Registry.Find(entry.Metric) is not null, node, "metric",
                $"{path}: unknown metric '{entry.Metric}'. " + ManifestText.Suggest(entry.Metric, CurveMetrics.Registry.Ids, "Name one of " + string.Join(", ", CurveMetrics.Registry.Ids)));
            Check(entry.Uncertainty is not < 0, node, "uncertainty", $"{path}: the uncertainty is negative. Write the published ± as a positive number, or leave the key out when none is stated");
            if (entry.CompareTo is { } other)
            {
                var reference = registry.Entries.Take(i).Concat(registry.Entries.Skip(i + 1)).FirstOrDefault(e => e.Id == other);
                Check(reference is not null, node, "compare_to",
                    $"{path}: compare_to names '{other}', which is no other entry's id. " + ManifestText.Suggest(other, registry.Entries.Select(e => e.Id), "Name the entry this one is compared with"));
                Check(reference!.Experiment == entry.Experiment && reference.Metric == entry.Metric && reference.Split == entry.Split, node, "compare_to",
                    $"{path}: compare_to names '{other}', which measures {reference.Metric} ({reference.Split}) of {reference.Experiment}; a direction is only read between two entries of the same experiment, metric and split");
            }
        }

        return registry with { Entries = Expand(registry.Entries, nodes, experiments) };
    }

    /// <summary>
    /// Every entry, each followed by one entry per item of its <c>also</c> list: the same number set beside another
    /// experiment (e.g. a CPU-sized point of the published setup), with that item's differences, id
    /// <c>&lt;id&gt;@&lt;experiment&gt;</c>, and <c>compare_to</c> the referenced entry's item for the same experiment.
    /// </summary>
    private static List<PublishedEntry> Expand(IReadOnlyList<PublishedEntry> entries, IReadOnlyList<ManifestNode> nodes, HashSet<string> experiments)
    {
        var result = new List<PublishedEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            result.Add(entry);
            var alsoNodes = ((nodes[i] as ManifestMapping)?.Find("also") as ManifestSequence)?.Items ?? [];
            for (var j = 0; j < entry.Also.Count; j++)
            {
                var also = entry.Also[j];
                var node = (ManifestMapping)alsoNodes[j];
                var path = $"{ManifestText.Item("entries", i)}.also[{j}]";
                Check(experiments.Contains(also.Experiment), node, "experiment",
                    $"{path}: unknown experiment '{also.Experiment}' (not in the manifest, nor a point of its sweeps). " + ManifestText.Suggest(also.Experiment, experiments, "Name an experiment id or sweep point id from `orthorebasin list`"));
                Check(also.Experiment != entry.Experiment && entry.Also.Take(j).All(a => a.Experiment != also.Experiment), node, "experiment",
                    $"{path}: the entry is already set beside '{also.Experiment}'. Name each experiment once");
                string? compareTo = null;
                if (entry.CompareTo is { } other)
                {
                    var reference = entries.First(e => e.Id == other);
                    Check(reference.Also.Any(a => a.Experiment == also.Experiment), node, "experiment",
                        $"{path}: the entry is compared to '{other}', which is not set beside '{also.Experiment}'. Add '{also.Experiment}' to that entry's also list too, so the direction can be read");
                    compareTo = AlsoId(other, also.Experiment);
                }

                result.Add(entry with { Id = AlsoId(entry.Id, also.Experiment), Experiment = also.Experiment, Differences = also.Differences, CompareTo = compareTo, Also = [] });
            }
        }

        return result;
    }

    private static string AlsoId(string id, string experiment) => $"{id}@{experiment}";

    /// <summary>A path id, or a path id and a correction (<c>linear-repair</c>), as <see cref="Manifest.PathSpec.Label"/> writes them.</summary>
    private static bool IsPathLabel(string label)
    {
        if (InterpolationPaths.Registry.Find(label) is not null)
        {
            return true;
        }

        var dash = label.LastIndexOf('-');
        return dash > 0
               && InterpolationPaths.Registry.Find(label[..dash]) is not null
               && Enum.GetValues<Correction>().Any(c => c != Correction.None && ManifestText.ValueOf(c) == label[(dash + 1)..]);
    }

    private static void Check(bool condition, ManifestMapping entry, string key, string problem)
    {
        if (!condition)
        {
            ManifestNode at = entry.Find(key) ?? entry;
            throw new ManifestException(at, problem);
        }
    }
}

/// <summary>A publication numbers are taken from.</summary>
public sealed record PublishedSource
{
    /// <summary>Authors, year, title and venue, as a reference list would give them.</summary>
    public required string Cite { get; init; }

    /// <summary>The public code release, when the numbers were traced into it.</summary>
    public string? Code { get; init; }
}

/// <summary>One published number and the experiment that reproduces its setup.</summary>
public sealed record PublishedEntry
{
    public required string Id { get; init; }

    /// <summary>A key of <see cref="PublishedNumbers.Sources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>Exactly where the number is: a table or figure, or a file and commit of the code release, and how it was read.</summary>
    public required string Where { get; init; }

    /// <summary>The experiment or sweep point whose results are compared.</summary>
    public required string Experiment { get; init; }

    public required string Method { get; init; }

    /// <summary>The path label: the path id, with its correction when it has one (<c>linear-repair</c>).</summary>
    public string Path { get; init; } = "linear";

    public string Split { get; init; } = "test";

    /// <summary>A registered curve metric, in its own units (accuracies as fractions).</summary>
    public required string Metric { get; init; }

    public required double Value { get; init; }

    /// <summary>The published ± (one standard deviation), or null when none is stated.</summary>
    public double? Uncertainty { get; init; }

    /// <summary>The entry of the same experiment and metric this one's direction is read against (a method against identity, a correction against none).</summary>
    public string? CompareTo { get; init; }

    /// <summary>How the published setup differs from the experiment's.</summary>
    public required string Differences { get; init; }

    /// <summary>
    /// Other experiments the number is also set beside (a cut-down tier of the same setup), each with how it differs.
    /// The loaded registry lists them as entries of their own (<c>&lt;id&gt;@&lt;experiment&gt;</c>) and this list empty.
    /// </summary>
    public IReadOnlyList<PublishedAlso> Also { get; init; } = [];
}

/// <summary>An experiment a published number is also set beside, and how its setup differs from the published one.</summary>
public sealed record PublishedAlso
{
    /// <summary>The experiment or sweep point whose results are compared.</summary>
    public required string Experiment { get; init; }

    /// <summary>How the published setup differs from this experiment's.</summary>
    public required string Differences { get; init; }
}
