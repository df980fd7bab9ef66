using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Loads experiments.yaml and the recipes it names (pipelines/&lt;pipeline&gt;.yaml next to it), merges each
/// experiment's <c>overrides:</c> into its recipe and validates the result against the schema and the registries.
/// Every problem is a <see cref="ManifestException"/> pointing at the file, line and column where it was written.
/// </summary>
public static class ManifestLoader
{
    /// <summary>The key of an experiment holding the parts of its recipe it changes.</summary>
    public const string OverridesKey = "overrides";

    /// <summary>The key of an experiment holding the recipe keys it sweeps and their values (see <see cref="SweepExpander"/>).</summary>
    public const string SweepKey = "sweep";

    /// <summary>
    /// The key of an experiment holding overrides for single points of its sweep, by the point's name (its id after the
    /// experiment's, e.g. <c>dataset-cifar10.hidden-512x11</c>): merged after the point's own, so one point can be cut
    /// down (fewer epochs, fewer λ) where the recipe does not fit the time budget.
    /// </summary>
    public const string PointOverridesKey = "point_overrides";

    /// <summary>The folder, next to experiments.yaml, that holds the recipes.</summary>
    public const string PipelinesFolder = "pipelines";

    /// <summary>
    /// Every experiment of <paramref name="experimentsPath"/>, in file order, with its recipe resolved; an entry with a
    /// <c>sweep:</c> is replaced, in place, by its points in sweep order.
    /// </summary>
    public static IReadOnlyList<Experiment> Load(string experimentsPath)
    {
        var directory = Path.GetDirectoryName(experimentsPath) ?? "";
        var pipelines = Path.Combine(directory, PipelinesFolder);
        return Resolve(
            experimentsPath,
            ReadFile(experimentsPath),
            name => Path.Combine(pipelines, name + ".yaml"),
            path => File.Exists(path) ? File.ReadAllText(path) : null,
            () => Directory.Exists(pipelines)
                ? Directory.EnumerateFiles(pipelines, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [],
            Path.GetFullPath(directory.Length == 0 ? "." : directory));
    }

    /// <summary>The experiment <paramref name="id"/> of <paramref name="experimentsPath"/>; an error lists the ids when there is none.</summary>
    public static Experiment LoadOne(string experimentsPath, string id) => Select(Load(experimentsPath), id, experimentsPath);

    /// <summary>
    /// Experiments from text: <paramref name="pipelines"/> maps a pipeline name to its recipe's YAML. Errors name the
    /// files <paramref name="experimentsFile"/> and <c>pipelines/&lt;name&gt;.yaml</c>. Checkpoint and mapping files are
    /// read relative to <paramref name="directory"/> (null: the working directory).
    /// </summary>
    public static IReadOnlyList<Experiment> Parse(
        string experimentsYaml, IReadOnlyDictionary<string, string> pipelines, string experimentsFile = "experiments.yaml", string? directory = null)
    {
        var byPath = pipelines.ToDictionary(p => RecipeFileName(p.Key), p => p.Value, StringComparer.Ordinal);
        return Resolve(
            experimentsFile,
            experimentsYaml,
            RecipeFileName,
            path => byPath.GetValueOrDefault(path),
            () => pipelines.Keys.Order(StringComparer.Ordinal).ToList(),
            Path.GetFullPath(directory ?? "."));
    }

    /// <summary>The experiment <paramref name="id"/> among <paramref name="experiments"/>; an error lists the ids when there is none.</summary>
    public static Experiment Select(IReadOnlyList<Experiment> experiments, string id, string experimentsFile = "experiments.yaml")
    {
        var found = experiments.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
        if (found is not null)
        {
            return found;
        }

        var ids = experiments.Select(e => e.Id).ToList();
        throw new ManifestException(
            experimentsFile, 0, 0,
            $"no experiment '{id}'; experiments: {string.Join(", ", ids)}. " + ManifestText.Suggest(id, ids, "Use one of them"));
    }

    /// <summary>
    /// SHA-256 (lowercase hex) of the canonical JSON of the resolved entry and recipe, options included: the same
    /// configuration always hashes the same, whatever file, order of keys or spelling of numbers it came from.
    /// </summary>
    public static string ManifestHash(Experiment experiment)
    {
        var json = new JsonObject
        {
            ["entry"] = JsonSerializer.SerializeToNode(experiment.Entry, _hashJson),
            ["recipe"] = JsonSerializer.SerializeToNode(experiment.Recipe, _hashJson),
        };
        var canonical = Canonical(json)!.ToJsonString(_hashJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // Runtime types serialize `object` options with their own members; enums as their YAML spelling.
    private static readonly JsonSerializerOptions _hashJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        WriteIndented = false,
    };

    private static IReadOnlyList<Experiment> Resolve(
        string experimentsFile,
        string text,
        Func<string, string> recipePathOf,
        Func<string, string?> readRecipe,
        Func<IReadOnlyList<string>> recipeNames,
        string directory)
    {
        var root = YamlTreeReader.Read(experimentsFile, text)
            ?? throw new ManifestException(experimentsFile, 0, 0, "the file holds no experiments. Add 'experiments:' with at least one entry");
        var file = RecordBinder.Bind<ExperimentsFile>(root, "");
        var entryNodes = ((ManifestSequence)((ManifestMapping)root).Find("experiments")!).Items;
        var recipes = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        var experiments = new List<Experiment>();
        var written = new List<ManifestNode>();
        for (var i = 0; i < file.Experiments.Count; i++)
        {
            var entry = file.Experiments[i];
            var entryNode = (ManifestMapping)entryNodes[i];
            CheckEndpoints(entry, entryNode, i, directory);
            var recipePath = recipePathOf(entry.Pipeline);
            if (!recipes.TryGetValue(recipePath, out var recipe))
            {
                var recipeText = readRecipe(recipePath) ?? throw MissingRecipe(entryNode, entry.Pipeline, recipePath, recipeNames());
                recipe = YamlTreeReader.Read(recipePath, recipeText)
                    ?? throw new ManifestException(recipePath, 0, 0, "the recipe is empty. Write its data, model, training and methods");
                recipes.Add(recipePath, recipe);
            }

            if (entryNode.Find(OverridesKey) is { } overrides)
            {
                recipe = overrides switch
                {
                    ManifestMapping => OverrideMerger.Merge(recipe, overrides),
                    ManifestScalar { IsNull: true } => recipe,
                    _ => throw new ManifestException(
                        overrides,
                        $"experiments[{i}].{OverridesKey}: expected a mapping, got {overrides.Describe()}. Write the recipe keys to change, e.g. 'training: {{ epochs: 5 }}'"),
                };
            }

            var pointOverrides = entryNode.Find(PointOverridesKey) is { } po and not ManifestScalar { IsNull: true } ? po : null;
            if (entryNode.Find(SweepKey) is { } sweep and not ManifestScalar { IsNull: true })
            {
                var points = SweepExpander.Expand(sweep, entry.Id, $"experiments[{i}].{SweepKey}");
                var extra = PointOverrides(pointOverrides, points, entry.Id, i);
                foreach (var point in points)
                {
                    var pointRecipe = OverrideMerger.Merge(recipe, point.Overrides);
                    if (extra.TryGetValue(point.Id, out var more))
                    {
                        pointRecipe = OverrideMerger.Merge(pointRecipe, more);
                    }

                    var pointSpec = RecordBinder.Bind<PipelineSpec>(pointRecipe, "");
                    ManifestRules.CheckRecipe(pointSpec, pointRecipe);
                    experiments.Add(new Experiment(entry with { Id = point.Id }, pointSpec, recipePath) { Sweep = point.Sweep, ManifestDirectory = directory });
                    written.Add(point.Where);
                }

                continue;
            }

            if (pointOverrides is not null)
            {
                throw new ManifestException(
                    pointOverrides, $"experiments[{i}].{PointOverridesKey}: the experiment has no '{SweepKey}', so it has no points to override. Move these keys into '{OverridesKey}', or add a sweep");
            }

            var spec = RecordBinder.Bind<PipelineSpec>(recipe, "");
            ManifestRules.CheckRecipe(spec, recipe);
            experiments.Add(new Experiment(entry, spec, recipePath) { ManifestDirectory = directory });
            written.Add(entryNode.Find("id")!);
        }

        CheckUniqueIds(experiments, written);
        return experiments;
    }

    /// <summary>
    /// An experiment's endpoints: exactly one of <c>seed_pairs</c> and <c>checkpoints</c>; every checkpoint and the
    /// mapping file exist (relative to <paramref name="directory"/>, the folder of experiments.yaml), the two files of a
    /// pair differ and no pair repeats. Each error points where the key or the path is written.
    /// </summary>
    private static void CheckEndpoints(ExperimentEntry entry, ManifestMapping node, int index, string directory)
    {
        var path = $"experiments[{index}]";
        var seeds = node.FindKey("seed_pairs");
        var files = node.FindKey("checkpoints");
        if (seeds is not null && files is not null)
        {
            var first = seeds.Line < files.Line || (seeds.Line == files.Line && seeds.Column < files.Column) ? seeds : files;
            var second = first == seeds ? files : seeds;
            throw new ManifestException(
                second,
                $"{path} has both 'seed_pairs' (line {first.Line}, column {first.Column}) and 'checkpoints': its endpoints are either trained from seeds or imported from files. Remove one of them");
        }

        if (seeds is null && files is null)
        {
            throw new ManifestException(
                node,
                $"{path} ('{entry.Id}') names no endpoints. Add 'seed_pairs: [[1, 2]]' to train them, or 'checkpoints: [{{ a: models/a.pt, b: models/b.pt }}]' to import them (paths relative to experiments.yaml)");
        }

        var mappingKey = node.FindKey("mapping");
        if (entry.Checkpoints is not { } pairs)
        {
            if (mappingKey is not null)
            {
                throw new ManifestException(
                    mappingKey, $"{path}.mapping maps the names of imported checkpoints, but the experiment trains its endpoints from seed_pairs. Remove it, or replace seed_pairs with checkpoints");
            }

            return;
        }

        var items = ((ManifestSequence)node.Find("checkpoints")!).Items;
        var seen = new Dictionary<(string A, string B), int>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var item = (ManifestMapping)items[i];
            var itemPath = $"{path}.checkpoints[{i}]";
            var a = ExistingFile(directory, pairs[i].A, item.Find("a")!, $"{itemPath}.a", "a checkpoint: a PyTorch state dict (.pt, .pth, .bin) or a safetensors file");
            var b = ExistingFile(directory, pairs[i].B, item.Find("b")!, $"{itemPath}.b", "a checkpoint: a PyTorch state dict (.pt, .pth, .bin) or a safetensors file");
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                throw new ManifestException(item.Find("b")!, $"{itemPath}: a and b are the same file '{pairs[i].B}': aligning a model onto itself measures nothing. Name two different checkpoints");
            }

            if (seen.TryGetValue((a, b), out var earlier))
            {
                var at = items[earlier];
                throw new ManifestException(
                    item, $"duplicate checkpoint pair at {itemPath} (first at {path}.checkpoints[{earlier}], line {at.Line}, column {at.Column}): it would align the same two models again. Remove it; a and b swapped is another pair (B aligned onto A)");
            }

            seen.Add((a, b), i);
        }

        if (entry.Mapping is { } mapping)
        {
            InlineSpecs.NameMapping(ExistingFile(directory, mapping, node.Find("mapping")!, $"{path}.mapping", "a mapping: one 'checkpoint name: model name' line per tensor ('name: null' drops one)"));
        }
    }

    /// <summary>The full path of <paramref name="written"/> relative to <paramref name="directory"/>; an error at <paramref name="node"/> when there is no such file.</summary>
    private static string ExistingFile(string directory, string written, ManifestNode node, string path, string what)
    {
        var full = Path.GetFullPath(Path.Combine(directory, written));
        return File.Exists(full)
            ? full
            : throw new ManifestException(node, $"{path}: no file '{written}' (looked for {full}). Give {what}, by its path relative to the folder of experiments.yaml");
    }

    // point_overrides: a mapping from point names (ids after the experiment's and a dot) to override mappings, by child id.
    private static Dictionary<string, ManifestNode> PointOverrides(ManifestNode? node, IReadOnlyList<SweepExpander.Point> points, string parentId, int index)
    {
        var result = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        var path = $"experiments[{index}].{PointOverridesKey}";
        var names = points.Select(p => p.Id[(parentId.Length + 1)..]).ToList();
        if (node is not ManifestMapping mapping)
        {
            throw new ManifestException(node, $"{path}: expected a mapping from point names to overrides, got {node.Describe()}. Write e.g. '{names[0]}: {{ training: {{ epochs: 10 }} }}'");
        }

        foreach (var (key, value) in mapping.Entries)
        {
            if (!names.Contains(key.Value, StringComparer.Ordinal))
            {
                throw new ManifestException(key, $"{path}: '{key.Value}' names no point of the sweep. Write one of: {string.Join(", ", names)}");
            }

            if (value is not ManifestMapping)
            {
                throw new ManifestException(
                    value, $"{ManifestText.Child(path, key.Value)}: expected a mapping, got {value.Describe()}. Write the recipe keys to change, e.g. 'training: {{ epochs: 10 }}'");
            }

            result[$"{parentId}.{key.Value}"] = value;
        }

        return result;
    }

    // Entries' ids are unique (checked when binding); a sweep's children may still collide with each other or with an entry.
    private static void CheckUniqueIds(List<Experiment> experiments, List<ManifestNode> written)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < experiments.Count; i++)
        {
            if (!first.TryAdd(experiments[i].Id, i))
            {
                var other = first[experiments[i].Id];
                var (child, earlier) = experiments[i].Sweep is not null ? (i, other) : (other, i);
                var at = written[earlier];
                throw new ManifestException(
                    written[child],
                    $"the sweep point's experiment id '{experiments[i].Id}' is already the id of another experiment (line {at.Line}, column {at.Column}). " +
                    "Rename the experiment, or remove the value from one of them");
            }
        }
    }

    private static ManifestException MissingRecipe(ManifestMapping entryNode, string name, string path, IReadOnlyList<string> available) =>
        new(
            entryNode.Find("pipeline")!,
            $"no recipe '{name}': {path} does not exist. " +
            (available.Count == 0
                ? $"Create it, or check that experiments.yaml sits next to the {PipelinesFolder}/ folder"
                : name.EndsWith(".yaml", StringComparison.Ordinal) && available.Contains(name[..^".yaml".Length], StringComparer.Ordinal)
                    ? $"Write '{name[..^".yaml".Length]}', the file name without its extension"
                    : $"Create it or use one of: {string.Join(", ", available)}"));

    private static string ReadFile(string path) =>
        File.Exists(path)
            ? File.ReadAllText(path)
            : throw new ManifestException(path, 0, 0, $"file not found (full path {Path.GetFullPath(path)}). Check the path or the working directory");

    private static string RecipeFileName(string name) => $"{PipelinesFolder}/{name}.yaml";

    // Objects with their keys sorted, so the hash depends on content only.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
