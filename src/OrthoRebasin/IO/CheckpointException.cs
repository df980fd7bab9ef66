namespace OrthoRebasin.IO;

/// <summary>A checkpoint file that cannot be read: names the file and what is wrong with it.</summary>
public sealed class CheckpointException(string path, string problem)
    : UserErrorException($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
