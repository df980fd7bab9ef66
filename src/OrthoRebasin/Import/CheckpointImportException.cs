namespace OrthoRebasin.Import;

/// <summary>
/// A checkpoint that can be read but does not fit the declared model: a tensor missing, left over or mis-shaped, or a
/// symmetry that the imported weights break. One line naming the checkpoint, the tensor and the mapping entry that fixes it.
/// </summary>
public sealed class CheckpointImportException(string path, string problem)
    : UserErrorException($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
