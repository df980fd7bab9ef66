namespace OrthoRebasin.Data;

/// <summary>
/// Where downloaded data sets live: each set sits in its own sub-folder (<c>mnist/</c>, <c>cifar10/</c>, ...)
/// of a root folder. An explicit <see cref="DataDir"/> is the only root searched; when it is <c>null</c>, the
/// loaders search the folder named by the environment variable <c>ORTHOREBASIN_DATA</c> (when set) and then
/// <c>./data</c> under the current directory. Embedded sets ignore it.
/// </summary>
public sealed record DataLocation(string? DataDir)
{
    public const string EnvironmentVariable = "ORTHOREBASIN_DATA";

    /// <summary>The root folders to search, in order, as full paths.</summary>
    public IReadOnlyList<string> SearchRoots() =>
        SearchRoots(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    // The environment and current directory are process-wide, so tests pass their own.
    internal IReadOnlyList<string> SearchRoots(Func<string, string?> environment, string currentDirectory)
    {
        if (DataDir is not null)
        {
            return [Path.GetFullPath(DataDir, currentDirectory)];
        }

        var roots = new List<string>();
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            roots.Add(Path.GetFullPath(fromEnvironment, currentDirectory));
        }

        roots.Add(Path.GetFullPath("data", currentDirectory));
        return roots;
    }
}
