using System.Diagnostics;
using System.Reflection;
using OrthoRebasin.Manifest;
using OrthoRebasin.Results;

namespace OrthoRebasin.Pipeline;

/// <summary>Captures where a run came from: manifest hash, commit, package versions, device, threads, seeds, times.</summary>
public static class ProvenanceRecorder
{
    public static Provenance Capture(Experiment experiment, RunSettings settings, IReadOnlyList<int> seeds, DateTimeOffset startedAt, double wallSeconds, IReadOnlyDictionary<string, double> stageSeconds) => new()
    {
        ManifestHash = ManifestLoader.ManifestHash(experiment),
        GitCommit = GitCommit(),
        Packages = PackageVersions(),
        Device = Devices.Name(settings.Device),
        Threads = settings.EffectiveThreads,
        Seeds = seeds,
        StartedAt = startedAt,
        WallSeconds = wallSeconds,
        StageSeconds = new Dictionary<string, double>(stageSeconds),
        Machine = $"{Environment.OSVersion.Platform} {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}",
    };

    private static IReadOnlyDictionary<string, string> PackageVersions()
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in new[] { typeof(ProvenanceRecorder).Assembly, typeof(TorchSharp.torch).Assembly, typeof(YamlDotNet.Serialization.Deserializer).Assembly })
        {
            var name = assembly.GetName().Name ?? "?";
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
            versions[name] = version.Split('+')[0];
        }
        return versions;
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (git is null)
            {
                return "unknown";
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not installed)";
        }
    }
}
