namespace OrthoRebasin.Cli.Commands;

internal static class ResultsFile
{
    /// <summary>The path, or a clear error saying which command produces it.</summary>
    public static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} does not exist yet: run `orthorebasin interpolate` (or `run`) for this experiment first.");
}
