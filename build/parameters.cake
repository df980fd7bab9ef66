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
    public int Wait { get; init; }
    public string DataDir { get; init; }
    public BuildPaths Paths { get; init; }

    public static BuildParameters Load(ICakeContext context)
    {
        // The Cake runner makes build/ the working directory; the repository is its parent.
        var root = context.MakeAbsolute(context.Directory(".."));
        var configuration = context.Argument("configuration", "Release");
        // The CLI's output folder is named after the target framework, which Directory.Build.props sets for every project.
        var framework = context.XmlPeek(root.CombineWithFilePath("Directory.Build.props"), "/Project/PropertyGroup/TargetFramework");
        return new BuildParameters
        {
            Target = context.Argument("target", "Default"),
            Configuration = configuration,
            Experiment = context.Argument("experiment", ""),
            Tier = context.Argument("tier", ""),
            Device = context.Argument("device", "cpu"),
            Threads = context.Argument("threads", 0),
            // Seconds to wait for another run's lock on an experiment (the CLI's --wait); 0 refuses at once.
            Wait = context.Argument("wait", 0),
            DataDir = context.Argument("data-dir", ""),
            Paths = new BuildPaths(
                root,
                root.CombineWithFilePath("OrthoRebasin.sln"),
                root.CombineWithFilePath("src/OrthoRebasin.Cli/OrthoRebasin.Cli.csproj"),
                root.CombineWithFilePath($"src/OrthoRebasin.Cli/bin/{configuration}/{framework}/OrthoRebasin.Cli.dll"),
                root.CombineWithFilePath("experiments.yaml"),
                root.Combine("artifacts")),
        };
    }

    /// <summary>Appends the CLI options that select experiments and say how to run them, passed to every stage verb.</summary>
    public ProcessArgumentBuilder AppendSelection(ProcessArgumentBuilder arguments)
    {
        arguments
            .AppendSwitchQuoted("--manifest", " ", Paths.Manifest.FullPath)
            .AppendSwitchQuoted("--artifacts", " ", Paths.Artifacts.FullPath)
            .AppendSwitchQuoted("--device", " ", Device);
        if (Experiment != "") arguments.AppendSwitchQuoted("--experiment", " ", Experiment);
        else if (Tier != "") arguments.AppendSwitchQuoted("--tier", " ", Tier);
        if (Threads > 0) arguments.Append("--threads").Append(Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Wait > 0) arguments.Append("--wait").Append(Wait.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (DataDir != "") arguments.AppendSwitchQuoted("--data-dir", " ", DataDir);
        return arguments;
    }
}
