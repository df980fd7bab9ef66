using System.ComponentModel;
using System.Diagnostics;
using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>
/// A full disk, for real: the command line as a child process writes its artifacts to a 2 MB tmpfs. Needs Linux and
/// the right to mount (root, as in CI); elsewhere the test says it skipped and returns.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string Experiments = """
        experiments:
          - id: wide
            pipeline: wide
            seed_pairs: [[1, 2]]
        """;

    // Two 64-512-512-10 MLPs: 1.2 MB of float32 each, so the first fits on 2 MB and the second does not.
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [512, 512] }
        training: { optimizer: sgd, epochs: 1, batch_size: 256, learning_rate: 0.05 }
        methods:
          - id: identity
        lambdas: 3
        evaluation: { train_subset: 100 }
        """;

    private static readonly string[] FinalNames = ["model.safetensors", "training.json", UnitManifest.FileName, "results.json"];

    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-diskfull-").FullName;

    public DiskFullTests()
    {
        File.WriteAllText(Path.Combine(_root, "experiments.yaml"), Experiments);
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        File.WriteAllText(Path.Combine(_root, "pipelines", "wide.yaml"), Recipe);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_full_disk_is_one_line_with_the_fix_and_leaves_no_half_written_artifact()
    {
        // Given an artifacts folder on a 2 MB file system
        var artifacts = Directory.CreateDirectory(Path.Combine(_root, "tiny-disk")).FullName;
        var refused = OperatingSystem.IsLinux() ? Tool("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", artifacts) : "not Linux";
        if (refused is not null)
        {
            Console.WriteLine($"Skipped: cannot mount a 2 MB tmpfs here ({refused}); CI runs as root and can.");
            return;
        }

        try
        {
            // When the models are trained there
            var result = Cli("train", "--experiment", "wide", "--artifacts", artifacts, "--threads", "1");

            // Then it exits 1 with one line naming the disk's condition and the fix, no stack trace
            Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stderr:\n{result.Error}");
            var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains("No space left on device", line, StringComparison.Ordinal);
            Assert.EndsWith("Free some space, or choose an artifacts folder on another disk.", line, StringComparison.Ordinal);
            Assert.Contains(artifacts, line, StringComparison.Ordinal);

            // And no temporary file or unit folder is left, and every unit under its final name verifies (seed 1 fitted)
            var files = Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).ToList();
            Assert.DoesNotContain(files, AtomicFile.IsTemporary);
            Assert.Empty(Directory.EnumerateDirectories(artifacts, "*.partial-*", SearchOption.AllDirectories));
            var units = files.Where(f => FinalNames.Contains(Path.GetFileName(f))).Select(Path.GetDirectoryName).Distinct().ToList();
            Assert.Single(units);
            Assert.All(units, unit => Assert.Null(UnitManifest.Problem(unit!)));
            Assert.Contains(files, f => Path.GetFileName(f) == "model.safetensors");
        }
        finally
        {
            Assert.Null(Tool("umount", artifacts));
        }
    }

    /// <summary>Runs a system tool; null when it succeeded, else why not.</summary>
    private static string? Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{name} exited {process.ExitCode}: {error.Trim()}";
        }
        catch (Win32Exception e)
        {
            return $"{name}: {e.Message}";
        }
    }

    private (int ExitCode, string Output, string Error) Cli(params string[] arguments) => CliProcess.Cli(_root, arguments);
}
