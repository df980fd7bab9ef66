// OrthoRebasin's build: each pipeline task is one call of the CLI; behaviour lives in the library.
//   ./build.sh                                  quickstart: train, align, interpolate, plot, report
//   ./build.sh --target=Reproduce --tier=full   every stage, the combined report and the regression check for a tier
//   ./build.sh --target=Test                    the test suite
//   ./build.sh --target=Matrix --tier=full      artifacts/matrix.json: the nightly workflow's job list
// Arguments: --experiment=ID --tier=quick|full|gpu --device=cpu|cuda --threads=N --wait=SECONDS --data-dir=DIR --configuration=Release

#load "parameters.cake"

//////////////////////////////////////////////////////////////////////
// SETUP / TEARDOWN
//////////////////////////////////////////////////////////////////////

Setup<BuildParameters>(context =>
{
    var parameters = BuildParameters.Load(context);
    Information("OrthoRebasin: target {0}, {1}, device {2}", parameters.Target,
        parameters.Experiment != "" ? "experiment " + parameters.Experiment : parameters.Tier != "" ? "tier " + parameters.Tier : "default experiment",
        parameters.Device);
    return parameters;
});

//////////////////////////////////////////////////////////////////////
// TASKS
//////////////////////////////////////////////////////////////////////

Task("Build")
    .Does<BuildParameters>(p => DotNetBuild(p.Paths.CliProject.FullPath, new DotNetBuildSettings
    {
        Configuration = p.Configuration,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("Device", p.Device),
    }));

Task("Train").IsDependentOn("Build").Does<BuildParameters>(p => Cli(p, "train"));
Task("Align").IsDependentOn("Train").Does<BuildParameters>(p => Cli(p, "align"));
Task("Interpolate").IsDependentOn("Align").Does<BuildParameters>(p => Cli(p, "interpolate"));
Task("Plot").IsDependentOn("Interpolate").Does<BuildParameters>(p => Cli(p, "plot"));
Task("Report").IsDependentOn("Plot").Does<BuildParameters>(p => Cli(p, "report"));
Task("Check").IsDependentOn("Interpolate").Does<BuildParameters>(p => Cli(p, "check"));

// One report across every experiment with results in the artifacts folder (artifacts/report.md).
Task("Combine")
    .IsDependentOn("Report")
    .Does<BuildParameters>(p => DotNetExecute(p.Paths.CliAssembly.FullPath,
        new ProcessArgumentBuilder().Append("combine").AppendQuoted(p.Paths.Artifacts.FullPath), new DotNetExecuteSettings { WorkingDirectory = p.Paths.Root }));

// The experiments of the selected tier as a GitHub Actions matrix, for the nightly workflow's fan-out.
Task("Matrix")
    .IsDependentOn("Build")
    .Does<BuildParameters>(p =>
    {
        var settings = new ProcessSettings
        {
            Arguments = p.AppendSelection(new ProcessArgumentBuilder().AppendQuoted(p.Paths.CliAssembly.FullPath).Append("matrix")),
            WorkingDirectory = p.Paths.Root,
            RedirectStandardOutput = true,
        };
        using var process = StartAndReturnProcess("dotnet", settings);
        process.WaitForExit();
        if (process.GetExitCode() != 0)
            throw new CakeException("orthorebasin matrix failed");
        var json = string.Join("", process.GetStandardOutput());
        var file = p.Paths.Artifacts.CombineWithFilePath("matrix.json");
        EnsureDirectoryExists(p.Paths.Artifacts);
        System.IO.File.WriteAllText(file.FullPath, json);
        Information("{0}: {1}", file.FullPath, json);
    });

Task("Test")
    .Does<BuildParameters>(p => DotNetTest(p.Paths.Solution.FullPath, new DotNetTestSettings { Configuration = p.Configuration }));

//////////////////////////////////////////////////////////////////////
// TARGETS
//////////////////////////////////////////////////////////////////////

Task("Reproduce").IsDependentOn("Combine").IsDependentOn("Check");
Task("Default").IsDependentOn("Report");

//////////////////////////////////////////////////////////////////////
// HELPERS
//////////////////////////////////////////////////////////////////////

void Cli(BuildParameters p, string verb) =>
    DotNetExecute(p.Paths.CliAssembly.FullPath, p.AppendSelection(new ProcessArgumentBuilder().Append(verb)), new DotNetExecuteSettings { WorkingDirectory = p.Paths.Root });

//////////////////////////////////////////////////////////////////////
// EXECUTION
//////////////////////////////////////////////////////////////////////

RunTarget(Argument("target", "Default"));
