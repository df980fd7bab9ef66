using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>One imported tensor: its name in the checkpoint, its name here, and the dtype the checkpoint stored it in.</summary>
public sealed record ImportedTensor(string SourceName, string ProjectName, ScalarType OriginalDtype)
{
    /// <summary>True when the import converted the tensor to float32 (the only dtype models here compute in).</summary>
    public bool Converted => OriginalDtype != ScalarType.Float32;
}

/// <summary>
/// How a checkpoint's names and dtypes relate to a parameter set here: enough to write a parameter set back under the
/// checkpoint's own names and dtypes, so that the module it came from loads it (<see cref="CheckpointExport"/>). Owns the
/// tensors it carries through unchanged (<see cref="Carried"/>).
/// </summary>
public sealed class CheckpointLayout : IDisposable
{
    private readonly Dictionary<string, ImportedTensor> _byProjectName;

    public CheckpointLayout(IReadOnlyList<ImportedTensor> tensors, IReadOnlyList<KeyValuePair<string, Tensor>> carried, string recognisedAs)
    {
        Tensors = tensors;
        Carried = carried;
        RecognisedAs = recognisedAs;
        _byProjectName = tensors.ToDictionary(t => t.ProjectName);
    }

    /// <summary>Every imported tensor, in the parameter set's order.</summary>
    public IReadOnlyList<ImportedTensor> Tensors { get; }

    /// <summary>
    /// Tensors of the checkpoint that no model here computes with but its own module expects back (BatchNorm's
    /// <c>num_batches_tracked</c> counters), by their checkpoint names, stored as they were.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Carried { get; }

    /// <summary>How the names were matched: the explicit mapping, or which recognised layout (for reports).</summary>
    public string RecognisedAs { get; }

    /// <summary>The tensors the import converted to float32, with the dtype each had in the checkpoint.</summary>
    public IReadOnlyList<ImportedTensor> Conversions => [.. Tensors.Where(t => t.Converted)];

    /// <summary>The checkpoint's entry for a parameter named <paramref name="projectName"/> here, or null.</summary>
    public ImportedTensor? Find(string projectName) => _byProjectName.GetValueOrDefault(projectName);

    /// <summary>
    /// The layout of a parameter set made here: its own names, float32, nothing carried. Exporting with it writes a state
    /// dict that a PyTorch module named as this project names its parameters loads.
    /// </summary>
    public static CheckpointLayout Native(ParameterSet parameters) =>
        new([.. parameters.Names.Select(n => new ImportedTensor(n, n, ScalarType.Float32))], [], "this project's names");

    public void Dispose()
    {
        foreach (var (_, tensor) in Carried)
        {
            tensor.Dispose();
        }
    }
}
