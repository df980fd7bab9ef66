// The build's shared state: arguments (names shared with the CLI's options) and paths, read once in Setup.

public sealed record BuildPaths(DirectoryPath Root, FilePath Solution, FilePath CliProject, FilePath CliAssembly, FilePath Manifest, DirectoryPath Artifacts);

public sealed class BuildParameters
{
    public string Target { get; init; }
    public string Configuration { get; init; }
    public string Experiment { get; init; }
    public string Tier { get; init; }
    public string Device { get; init; }
    public int Threads { get; init; }
    public string DataDir { get; init; }
    public BuildPaths Paths { get; init; }

    public static BuildParameters Load(ICakeContext context)
    {
        // The Cake runner makes build/ the working directory; the repository is its parent.
        var root = context.MakeAbsolute(context.Directory(".."));
        var configuration = context.Argument("configuration", "Release");
        return new BuildParameters
        {
            Target = context.Argument("target", "Default"),
            Configuration = configuration,
            Experiment = context.Argument("experiment", ""),
            Tier = context.Argument("tier", ""),
            Device = context.Argument("device", "cpu"),
            Threads = context.Argument("threads", 0),
            DataDir = context.Argument("data-dir", ""),
            Paths = new BuildPaths(
                root,
                root.CombineWithFilePath("OrthoRebasin.sln"),
                root.CombineWithFilePath("src/OrthoRebasin.Cli/OrthoRebasin.Cli.csproj"),
                root.CombineWithFilePath($"src/OrthoRebasin.Cli/bin/{configuration}/net10.0/OrthoRebasin.Cli.dll"),
                root.CombineWithFilePath("experiments.yaml"),
                root.Combine("artifacts")),
        };
    }

    /// <summary>The CLI options that select experiments and say how to run them, passed to every stage verb.</summary>
    public string SelectionArguments()
    {
        var arguments = new List<string> { "--manifest", Quote(Paths.Manifest.FullPath), "--artifacts", Quote(Paths.Artifacts.FullPath), "--device", Device };
        if (Experiment != "") arguments.AddRange(new[] { "--experiment", Experiment });
        else if (Tier != "") arguments.AddRange(new[] { "--tier", Tier });
        if (Threads > 0) arguments.AddRange(new[] { "--threads", Threads.ToString() });
        if (DataDir != "") arguments.AddRange(new[] { "--data-dir", Quote(DataDir) });
        return string.Join(" ", arguments);
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
