using OrthoRebasin.Alignment;

namespace OrthoRebasin.Manifest;

/// <summary>
/// The checks beyond types: ids against the catalog, ranges, pairs, uniqueness. Each runs on a freshly bound
/// value together with the node it came from, so its error points where the value was written.
/// </summary>
internal static class ManifestRules
{
    /// <summary>Keys a record accepts that the loader reads itself instead of binding (an experiment's overrides).</summary>
    public static IReadOnlyList<string> KeysHandledByLoader(Type type) =>
        type == typeof(ExperimentEntry) ? [ManifestLoader.OverridesKey] : [];

    /// <summary>The catalog entry whose options type the <c>options</c> of a bound method or path record binds to.</summary>
    public static CatalogEntry OptionsEntry(object record) => record switch
    {
        MethodSpec m => Catalog.Find(Catalog.Methods, m.Id)!,
        PathSpec p => Catalog.Find(Catalog.Paths, p.Id)!,
        _ => throw new InvalidOperationException($"{record.GetType().Name} has options but no catalog to type them."),
    };

    public static void Check(Type owner, string property, object value, ManifestNode node, string path)
    {
        switch (owner.Name, property)
        {
            case (nameof(ExperimentsFile), nameof(ExperimentsFile.Experiments)):
                NotEmpty(value, node, path, "an experiment");
                Unique(node, "id", "experiment id");
                break;
            case (nameof(ExperimentEntry), nameof(ExperimentEntry.Pipeline)):
                PipelineName((string)value, node, path);
                break;
            case (nameof(ExperimentEntry), nameof(ExperimentEntry.SeedPairs)):
                SeedPairs((IReadOnlyList<IReadOnlyList<int>>)value, node, path);
                break;
            case (nameof(DataSpec), nameof(DataSpec.Dataset)):
                KnownId(Catalog.Datasets, "data set", (string)value, node);
                break;
            case (nameof(ModelSpec), nameof(ModelSpec.Architecture)):
                KnownId(Catalog.Models, "model", (string)value, node);
                break;
            case (nameof(ModelSpec), nameof(ModelSpec.Hidden)):
                NotEmpty(value, node, path, "a hidden layer width");
                var widths = (IReadOnlyList<int>)value;
                for (var i = 0; i < widths.Count; i++)
                {
                    AtLeast(widths[i], 1, ((ManifestSequence)node).Items[i], ManifestText.Item(path, i));
                }

                break;
            case (nameof(ModelSpec), nameof(ModelSpec.Width) or nameof(ModelSpec.Blocks) or nameof(ModelSpec.BlockHidden)):
                AtLeast((int)value, 1, node, path);
                break;
            case (nameof(TrainingSpec), nameof(TrainingSpec.Epochs) or nameof(TrainingSpec.BatchSize)):
                AtLeast((int)value, 1, node, path);
                break;
            case (nameof(TrainingSpec), nameof(TrainingSpec.LearningRate)):
                Positive((double)value, node, path);
                break;
            case (nameof(TrainingSpec), nameof(TrainingSpec.Momentum)):
                if ((double)value is < 0 or >= 1)
                {
                    throw new ManifestException(node, $"{path} must be in [0, 1), got {value}. Use a value such as 0.9");
                }

                break;
            case (nameof(AugmentationSpec), nameof(AugmentationSpec.RandomCrop)):
            case (nameof(DataSpec), nameof(DataSpec.Validation)):
            case (nameof(TrainingSpec), nameof(TrainingSpec.EarlyStoppingPatience)):
                AtLeast((int)value, 0, node, path);
                break;
            case (nameof(TrainingSpec), nameof(TrainingSpec.WeightDecay)):
                AtLeast((double)value, 0, node, path);
                break;
            case (nameof(PipelineSpec), nameof(PipelineSpec.Methods)):
                NotEmpty(value, node, path, "a method");
                Unique(node, "id", "method id");
                break;
            case (nameof(PipelineSpec), nameof(PipelineSpec.Paths)):
                NotEmpty(value, node, path, "a path");
                Unique(node, "id", "path id");
                break;
            case (nameof(PipelineSpec), nameof(PipelineSpec.Lambdas)):
                AtLeast((int)value, 2, node, path);
                break;
            case (nameof(MethodSpec), nameof(MethodSpec.Id)):
                KnownId(Catalog.Methods, "method", (string)value, node);
                break;
            case (nameof(PathSpec), nameof(PathSpec.Id)):
                KnownId(Catalog.Paths, "path", (string)value, node);
                break;
            case (nameof(EvaluationSpec), nameof(EvaluationSpec.TrainSubset)):
                AtLeast((int)value, 1, node, path);
                break;
            case var _ when IsOptionsRecord(owner):
                CheckOption(property, value, node, path);
                break;
        }
    }

    /// <summary>
    /// The checks that need a whole record: which model keys go with which architecture, and which methods can run on
    /// the recipe's model. Runs once the record is bound, so every field has passed its own checks.
    /// </summary>
    public static void CheckRecord(object record, ManifestMapping node, string path)
    {
        switch (record)
        {
            case ModelSpec model:
                ModelKeys(model, node, path);
                break;
            case PipelineSpec pipeline:
                MethodsRunOnModel(pipeline, node);
                break;
        }
    }

    /// <summary>The keys of each architecture, all required; a key of another architecture is an error, not ignored.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _architectureKeys = new Dictionary<string, IReadOnlyList<string>>
    {
        ["mlp"] = ["hidden"],
        ["residual-mlp"] = ["width", "blocks", "block_hidden"],
    };

    private static void ModelKeys(ModelSpec model, ManifestMapping node, string path)
    {
        var own = _architectureKeys.GetValueOrDefault(model.Architecture) ?? [];
        var others = _architectureKeys.Where(a => a.Key != model.Architecture).SelectMany(a => a.Value).Except(own);
        foreach (var key in others)
        {
            if (node.FindKey(key) is { } written)
            {
                throw new ManifestException(
                    written, $"{ManifestText.Child(path, key)} is not a key of architecture '{model.Architecture}', which takes {string.Join(", ", own)}. Remove it");
            }
        }

        foreach (var key in own.Where(k => node.Find(k) is null))
        {
            throw new ManifestException(
                node, $"missing required key '{key}' {ManifestText.Where(path)} (architecture {model.Architecture} takes {string.Join(", ", own)}). Add '{key}: {(key == "hidden" ? "[...]" : "<integer>")}'");
        }
    }

    private static void MethodsRunOnModel(PipelineSpec pipeline, ManifestMapping node)
    {
        var items = ((ManifestSequence)node.Find("methods")!).Items;
        for (var i = 0; i < pipeline.Methods.Count; i++)
        {
            if (Catalog.WhyUnsupported(pipeline.Methods[i].Id, pipeline.Model.Architecture) is { } reason)
            {
                var at = items[i] is ManifestMapping m && m.Find("id") is { } id ? id : items[i];
                throw new ManifestException(
                    at, $"methods[{i}]: method '{pipeline.Methods[i].Id}' cannot run on model '{pipeline.Model.Architecture}': {reason}. Remove it from this recipe");
            }
        }
    }

    /// <summary>
    /// The checks that need two parts of a resolved recipe: augmentation against the data set's image shape. Nodes come
    /// from <paramref name="recipe"/>, the merged tree the recipe was bound from.
    /// </summary>
    public static void CheckRecipe(PipelineSpec spec, ManifestNode recipe)
    {
        if (spec.Training.Augmentation is not { } augmentation)
        {
            return;
        }

        var node = Find(recipe, "training", "augmentation");
        var shape = Data.DatasetRegistry.Sources.First(s => string.Equals(s.Id, spec.Data.Dataset, StringComparison.Ordinal)).Shape;
        var side = Math.Min(shape.Height, shape.Width);
        if (augmentation.RandomCrop >= side)
        {
            throw new ManifestException(
                Find(recipe, "training", "augmentation", "random_crop") ?? node!,
                $"training.augmentation.random_crop is {augmentation.RandomCrop}, but {spec.Data.Dataset} images are {shape.Height}x{shape.Width}: "
                + $"a padding of {side} or more can crop an image to nothing but padding. Use a value below {side} (4 for CIFAR-10's 32x32)");
        }
    }

    private static ManifestNode? Find(ManifestNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (node is not ManifestMapping mapping || mapping.Find(key) is not { } child)
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static bool IsOptionsRecord(Type type) =>
        Catalog.Methods.Concat(Catalog.Paths).Any(e => e.OptionsType == type);

    /// <summary>Options mean the same thing in every method that has them, so their ranges are checked by name.</summary>
    private static void CheckOption(string property, object value, ManifestNode node, string path)
    {
        switch (property, value)
        {
            case ("MaxIter" or "Steps", int count):
                AtLeast(count, 1, node, path);
                break;
            case ("Rank", int rank):
                AtLeast(rank, 0, node, path);
                break;
            case ("Lr" or "Rtol", double positive):
                Positive(positive, node, path);
                break;
            case ("Tol" or "Eps", double nonNegative):
                AtLeast(nonNegative, 0, node, path);
                break;
        }
    }

    private static void KnownId(IReadOnlyList<CatalogEntry> catalog, string kind, string id, ManifestNode node)
    {
        if (Catalog.Find(catalog, id) is null)
        {
            var ids = catalog.Select(e => e.Id).ToList();
            throw new ManifestException(
                node, $"unknown {kind} '{id}'; valid ids: {string.Join(", ", ids)}. " + ManifestText.Suggest(id, ids, "Use one of them"));
        }
    }

    private static void SeedPairs(IReadOnlyList<IReadOnlyList<int>> pairs, ManifestNode node, string path)
    {
        NotEmpty(pairs, node, path, "a seed pair");
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i] is not [var a, var b] || a == b)
            {
                throw new ManifestException(
                    ((ManifestSequence)node).Items[i],
                    $"{ManifestText.Item(path, i)} must be a pair of two distinct seeds, got [{string.Join(", ", pairs[i])}]. Write two different integers such as [1, 2]");
            }
        }
    }

    // Recipes are looked up as pipelines/<name>.yaml: a separator or '..' would reach outside that folder.
    private static void PipelineName(string name, ManifestNode node, string path)
    {
        if (name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || name.EndsWith(".yaml", StringComparison.Ordinal))
        {
            throw new ManifestException(
                node, $"{path} must name a recipe in pipelines/, got '{name}'. Write the file name without folder or extension, e.g. 'digits-mlp'");
        }
    }

    private static void Unique(ManifestNode node, string key, string kind)
    {
        var seen = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        foreach (var item in ((ManifestSequence)node).Items)
        {
            if (item is ManifestMapping mapping && mapping.Find(key) is ManifestScalar id)
            {
                if (seen.TryGetValue(id.Value, out var first))
                {
                    throw new ManifestException(
                        id, $"duplicate {kind} '{id.Value}' (first at line {first.Line}, column {first.Column}). Give each a distinct id or remove one");
                }

                seen.Add(id.Value, id);
            }
        }
    }

    private static void NotEmpty(object list, ManifestNode node, string path, string what)
    {
        if (((System.Collections.ICollection)list).Count == 0)
        {
            throw new ManifestException(node, $"{path} is empty. Add at least {what}");
        }
    }

    private static void AtLeast(int value, int min, ManifestNode node, string path)
    {
        if (value < min)
        {
            throw new ManifestException(node, $"{path} must be at least {min}, got {value}. Use a value ≥ {min}");
        }
    }

    private static void AtLeast(double value, double min, ManifestNode node, string path)
    {
        if (value < min)
        {
            throw new ManifestException(node, $"{path} must be at least {min}, got {value}. Use a value ≥ {min}");
        }
    }

    private static void Positive(double value, ManifestNode node, string path)
    {
        if (value <= 0)
        {
            throw new ManifestException(node, $"{path} must be positive, got {value}. Use a value such as 0.001");
        }
    }
}
