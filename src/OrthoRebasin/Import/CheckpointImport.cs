using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>A checkpoint imported for a model here: its parameters (float32, the model's names and order) and its layout.</summary>
public sealed class ImportedCheckpoint(string path, ParameterSet parameters, CheckpointLayout layout, string? wrapperKey) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>The parameters, named and ordered as the architecture's own, every tensor float32.</summary>
    public ParameterSet Parameters { get; } = parameters;

    /// <summary>The checkpoint's names and dtypes, to export a parameter set the way this checkpoint stored it.</summary>
    public CheckpointLayout Layout { get; } = layout;

    /// <summary>The key of the training checkpoint's dictionary that held the state dict, or null for a bare state dict.</summary>
    public string? WrapperKey { get; } = wrapperKey;

    public void Dispose()
    {
        Parameters.Dispose();
        Layout.Dispose();
    }
}

/// <summary>
/// Imports a checkpoint written outside this project as the parameter set of a declared architecture. Every name and
/// shape is checked against the architecture's own parameter set, so that a checkpoint of another model, or a mapping
/// that puts a tensor in the wrong place, is refused with the tensor and the mapping entry that fixes it, never
/// evaluated. Tensors stored in another floating-point dtype are converted to float32 (every model here computes in
/// float32), and the layout records each conversion so the export can restore the dtype.
/// </summary>
public static class CheckpointImport
{
    /// <summary>
    /// Reads <paramref name="path"/> (<see cref="TensorFiles.Read"/>), matches its names with <paramref name="mapping"/>
    /// (<see cref="NameMapping.Recognised"/> by default) and returns the architecture's parameter set.
    /// </summary>
    public static ImportedCheckpoint Load(string path, IArchitecture architecture, NameMapping? mapping = null, Device? device = null)
    {
        var (tensors, wrapperKey) = TensorFiles.Read(path);
        try
        {
            return FromTensors(path, tensors, wrapperKey, architecture, mapping ?? NameMapping.Recognised, device);
        }
        finally
        {
            foreach (var (_, tensor) in tensors)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>The names and shapes of the architecture's parameter set, running statistics included, in its order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> ExpectedLayout(IArchitecture architecture)
    {
        using var generator = new Generator(0);
        using var parameters = architecture.Initialize(generator, CPU);
        return [.. parameters.Entries.Select(e => (e.Key, e.Value.shape))];
    }

    private static ImportedCheckpoint FromTensors(
        string path, List<KeyValuePair<string, Tensor>> tensors, string? wrapperKey, IArchitecture architecture, NameMapping mapping, Device? device)
    {
        var expected = ExpectedLayout(architecture);
        var checkpoint = tensors.Select(t => (t.Key, t.Value.shape)).ToList();
        var resolution = mapping.Resolve(checkpoint, architecture, expected);
        var (targets, _, recognisedAs, _) = resolution;
        Validate(path, tensors, resolution, expected, architecture);

        var sourceOf = targets.Where(t => t.Value is not null).ToDictionary(t => t.Value!, t => t.Key, StringComparer.Ordinal);
        var byName = tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var entries = new List<KeyValuePair<string, Tensor>>();
        var imported = new List<ImportedTensor>();
        var carried = new List<KeyValuePair<string, Tensor>>();
        try
        {
            foreach (var (name, _) in expected)
            {
                var source = byName[sourceOf[name]];
                using var scope = NewDisposeScope();
                var converted = source.detach().contiguous().to(float32);
                converted = device is null ? converted : converted.to(device);
                entries.Add(KeyValuePair.Create(name, converted.clone().MoveToOuterDisposeScope()));
                imported.Add(new ImportedTensor(sourceOf[name], name, source.dtype));
            }

            foreach (var (source, _) in targets.Where(t => t.Value is null))
            {
                carried.Add(KeyValuePair.Create(source, byName[source].detach().clone()));
            }
        }
        catch
        {
            foreach (var (_, tensor) in entries.Concat(carried))
            {
                tensor.Dispose();
            }

            throw;
        }

        return new ImportedCheckpoint(path, new ParameterSet(entries), new CheckpointLayout(imported, carried, recognisedAs), wrapperKey);
    }

    /// <summary>Throws the first problem (a mis-shaped, missing, left-over or doubly mapped tensor), saying how many more there are.</summary>
    private static void Validate(
        string path, List<KeyValuePair<string, Tensor>> tensors, Resolution resolution, IReadOnlyList<(string Name, long[] Shape)> expected, IArchitecture architecture)
    {
        var (targets, listed, recognisedAs, note) = resolution;
        var model = architecture.Describe();
        var shapes = expected.ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = expected.Select((e, i) => (e.Name, i)).ToDictionary(e => e.Name, e => e.i, StringComparer.Ordinal);
        var misShaped = new List<(int Order, string Problem)>();
        var extra = new List<string>();
        var doubled = new List<string>();
        var unplaced = new List<(string Source, long[] Shape)>();
        foreach (var (source, tensor) in tensors)
        {
            if (targets[source] is not { } target)
            {
                continue;
            }

            var entry = $"mapping entry '{source}: {target}'" + (listed.Contains(source) ? "" : $", recognised as {recognisedAs}");
            if (!shapes.TryGetValue(target, out var shape))
            {
                unplaced.Add((source, tensor.shape));
                extra.Add(!listed.Contains(source)
                    ? $"tensor '{source}' {Shape(tensor.shape)} has no place in {model}: map it to one of the model's names ('{source}: <name>') or drop it ('{source}: null')"
                    : $"tensor '{source}' is mapped to '{target}', which {model} does not have: map it to one of the model's names or drop it ('{source}: null')");
            }
            else if (claimed.TryGetValue(target, out var first))
            {
                doubled.Add($"tensors '{first}' and '{source}' both map to '{target}' of {model}: map one of them elsewhere or drop it ('{source}: null')");
            }
            else
            {
                claimed[target] = source;
                if (!tensor.shape.SequenceEqual(shape))
                {
                    misShaped.Add((order[target], $"tensor '{source}' has shape {Shape(tensor.shape)} but '{target}' of {model} has shape {Shape(shape)} ({entry}): map the right tensor to '{target}', or declare the model with the checkpoint's sizes"));
                }
                else if (!tensor.is_floating_point())
                {
                    misShaped.Add((order[target], $"tensor '{source}' is {tensor.dtype}, not floating point, so it cannot be '{target}' ({entry})"));
                }
            }
        }

        var missing = expected.Where(e => !claimed.ContainsKey(e.Name)).Select(e =>
        {
            var candidates = unplaced.Where(u => u.Shape.SequenceEqual(e.Shape)).Select(u => (u.Source, Dropped: false))
                .Concat(tensors.Where(t => targets[t.Key] is null && t.Value.shape.SequenceEqual(e.Shape)).Select(t => (Source: t.Key, Dropped: true)))
                .ToList();
            var hint = candidates.Count > 0
                ? $"; '{candidates[0].Source}'{(candidates[0].Dropped ? ", which is dropped," : "")} has that shape, so perhaps '{candidates[0].Source}: {e.Name}'"
                : "";
            return $"no tensor for '{e.Name}' {Shape(e.Shape)} of {model}: add a mapping entry '<checkpoint name>: {e.Name}'{hint}";
        }).ToList();

        // In the model's order, so that the first problem reported is the one nearest the input.
        var problems = misShaped.OrderBy(m => m.Order).Select(m => m.Problem).Concat(missing).Concat(extra).Concat(doubled).ToList();
        if (problems.Count > 0)
        {
            var more = problems.Count > 1 ? $" ({problems.Count - 1} more problem{(problems.Count > 2 ? "s" : "")} after this one)" : "";
            throw new CheckpointImportException(path, problems[0] + more + "." + (note is null ? "" : " " + note));
        }
    }

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";
}
