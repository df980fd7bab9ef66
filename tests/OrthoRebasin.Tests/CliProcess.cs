using System.Diagnostics;

namespace OrthoRebasin.Tests;

/// <summary>The CLI (or any program) run as a child process, as a user runs it: exit code, stdout and stderr.</summary>
internal static class CliProcess
{
    /// <summary>The CLI beside the tests' own assemblies.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "OrthoRebasin.Cli.dll");

    /// <summary>Runs <c>dotnet OrthoRebasin.Cli.dll</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output, string Error) Cli(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, "dotnet", [CliDll, .. arguments]);

    /// <summary>Runs <paramref name="program"/> with CI=true (plain output); a run longer than 120 s is killed and fails.</summary>
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 120 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
