using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Manifest;

/// <summary>
/// The checks beyond types that no rule attribute can make (see <see cref="Validation.RuleAttribute"/>). Each runs on a freshly bound
/// value together with the node it came from, so its error points where the value was written.
/// </summary>
internal static class ManifestRules
{
    /// <summary>Keys a record accepts that the loader reads itself instead of binding (an experiment's overrides, sweep and point overrides).</summary>
    public static IReadOnlyList<string> KeysHandledByLoader(Type type) =>
        type == typeof(ExperimentEntry) ? [ManifestLoader.OverridesKey, ManifestLoader.SweepKey, ManifestLoader.PointOverridesKey] : [];

    /// <summary>The registered entry whose options type the options of a bound method, path or model record bind to.</summary>
    public static IConfigurableEntry OptionsEntry(object record) => record switch
    {
        MethodSpec m => AlignmentMethods.Registry.Get(m.Id),
        PathSpec p => InterpolationPaths.Registry.Get(p.Id),
        ModelSpec m => Architectures.Registry.Get(m.Architecture),
        _ => throw new InvalidOperationException($"{record.GetType().Name} has options but no registry to type them."),
    };

    /// <summary>
    /// The checks that need a whole record: which methods can run on the recipe's model (from its symmetry groups and
    /// the methods' traits). Runs once the record is bound, so every field has passed its own checks.
    /// </summary>
    public static void CheckRecord(object record, ManifestMapping node, string path)
    {
        if (record is PipelineSpec pipeline)
        {
            MethodsRunOnModel(pipeline, node);
        }
    }

    private static void MethodsRunOnModel(PipelineSpec pipeline, ManifestMapping node)
    {
        var items = ((ManifestSequence)node.Find("methods")!).Items;
        // The model as the data set will size it: compatibility follows from its groups and the methods' traits.
        var dataset = DatasetRegistry.Registry.Get(pipeline.Data.Dataset);
        IArchitecture model;
        try
        {
            model = Architectures.Registry.Get(pipeline.Model.Architecture).Create(pipeline.Model.Options, dataset.Shape, dataset.Classes);
        }
        catch (ArgumentException e)
        {
            // The model cannot take this data set's images (or sizes): say so where the model is written.
            throw new ManifestException(node.Find("model") ?? node, $"model '{pipeline.Model.Architecture}' on data set '{pipeline.Data.Dataset}' ({dataset.Shape} images): {e.Message}");
        }

        var groups = model.Symmetry.Groups;
        for (var i = 0; i < pipeline.Methods.Count; i++)
        {
            if (MethodCompatibility.WhyNot(AlignmentMethods.Registry.Get(pipeline.Methods[i].Id), groups, pipeline.Model.Architecture) is { } reason)
            {
                var at = items[i] is ManifestMapping m && m.Find("id") is { } id ? id : items[i];
                throw new ManifestException(
                    at, $"methods[{i}]: method '{pipeline.Methods[i].Id}' cannot run on model '{pipeline.Model.Architecture}': {reason}. Remove it from this recipe");
            }
        }

        if (model.Statistics.Count > 0)
        {
            return;
        }

        var paths = (node.Find("paths") as ManifestSequence)?.Items;
        for (var i = 0; i < pipeline.Paths.Count; i++)
        {
            if (pipeline.Paths[i].Options is ICorrectionOptions { Correction: Correction.Reset })
            {
                var at = paths is not null && i < paths.Count && paths[i] is ManifestMapping m
                    ? (m.Find("options") as ManifestMapping)?.Find("correction") ?? m
                    : node;
                throw new ManifestException(
                    at, $"paths[{i}]: correction 'reset' recomputes BatchNorm's running statistics, and model '{model.Describe()}' has none. Use repair, rescale or reshift, or a model with normalisation: batchnorm");
            }
        }
    }

    /// <summary>
    /// The checks that need two parts of a resolved recipe: augmentation against the data set's image shape. Nodes come
    /// from <paramref name="recipe"/>, the merged tree the recipe was bound from.
    /// </summary>
    public static void CheckRecipe(PipelineSpec spec, ManifestNode recipe)
    {
        CalibrationWithinSubset(spec, recipe);
        if (spec.Training.Augmentation is not { } augmentation)
        {
            return;
        }

        var node = Find(recipe, "training", "augmentation");
        var shape = DatasetRegistry.Registry.Get(spec.Data.Dataset).Shape;
        var side = Math.Min(shape.Height, shape.Width);
        if (augmentation.RandomCrop >= side)
        {
            throw new ManifestException(
                Find(recipe, "training", "augmentation", "random_crop") ?? node!,
                $"training.augmentation.random_crop is {augmentation.RandomCrop}, but {spec.Data.Dataset} images are {shape.Height}x{shape.Width}: "
                + $"a padding of {side} or more can crop an image to nothing but padding. Use a value below {side} (4 for CIFAR-10's 32x32)");
        }
    }

    /// <summary>A path's calibration samples are the first N of the training subset, so N may not exceed it, and only a correction uses them.</summary>
    private static void CalibrationWithinSubset(PipelineSpec spec, ManifestNode recipe)
    {
        var items = Find(recipe, "paths") is ManifestSequence sequence ? sequence.Items : [];
        for (var i = 0; i < spec.Paths.Count && i < items.Count; i++)
        {
            if (spec.Paths[i].Options is not ICorrectionOptions { Calibration: > 0 } options)
            {
                continue;
            }

            var at = Find(items[i], "options", "calibration") ?? items[i];
            if (options.Correction == Correction.None)
            {
                throw new ManifestException(
                    at, $"paths[{i}].options.calibration is {options.Calibration}, but path '{spec.Paths[i].Id}' has no correction to calibrate. Add a correction (repair, rescale or reshift) or remove calibration");
            }

            if (options.Calibration > spec.Evaluation.TrainSubset)
            {
                throw new ManifestException(
                    at, $"paths[{i}].options.calibration is {options.Calibration}, but the training subset it is taken from has {spec.Evaluation.TrainSubset} samples (evaluation.train_subset). Use at most {spec.Evaluation.TrainSubset}, or 0 for all of them");
            }
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
}
