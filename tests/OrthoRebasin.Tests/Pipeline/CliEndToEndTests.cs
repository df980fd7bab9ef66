using System.Diagnostics;
using System.Text.RegularExpressions;
using OrthoRebasin.Check;
using OrthoRebasin.IO;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>The command line as a user runs it, as a child process, on a tiny configuration.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private const string Experiments = """
        experiments:
          - id: tiny
            pipeline: tiny
            seed_pairs: [[1, 2]]
          - id: tiny-pairs
            pipeline: tiny
            seed_pairs: [[1, 2], [3, 4]]
        """;

    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [16, 16] }
        training: { optimizer: sgd, epochs: 2, batch_size: 128, learning_rate: 0.05 }
        methods:
          - id: identity
          - id: weight-matching
        lambdas: 5
        evaluation: { train_subset: 200 }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-cli-").FullName;

    public CliEndToEndTests()
    {
        File.WriteAllText(Path.Combine(_root, "experiments.yaml"), Experiments);
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        File.WriteAllText(Path.Combine(_root, "pipelines", "tiny.yaml"), Recipe);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Run_writes_every_output_and_a_rerun_reuses_them()
    {
        // Given the tiny manifest
        // When the whole pipeline runs twice
        var first = Cli("run", "--experiment", "tiny", "--threads", "1");
        var second = Cli("run", "--experiment", "tiny", "--threads", "1");

        // Then the first run wrote results, table, figures and report, and the second computed nothing
        Assert.Equal(0, first.ExitCode);
        var experiment = Path.Combine(_root, "artifacts", "tiny");
        foreach (var file in new[] { "results.json", "results.csv", "report.md", "provenance.json" })
        {
            Assert.True(File.Exists(Path.Combine(experiment, file)), $"{file} missing; output:\n{first.Output}");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(experiment, "figures"), "*.png"));
        Assert.Equal(1 + 2 * 2, File.ReadAllLines(Path.Combine(experiment, "results.csv")).Length); // header + 2 methods × 1 path × 2 splits × 1 pair
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(" s\n", second.Output.Replace("\r", ""));
        Assert.Contains("cached", second.Output);
    }

    [Fact]
    public void Check_fails_without_a_baseline_or_its_tolerances_and_passes_with_both()
    {
        // Given results of the tiny experiment
        Assert.Equal(0, Cli("interpolate", "--experiment", "tiny", "--threads", "1").ExitCode);
        var baseline = Path.Combine(_root, "baseline.json");

        // When checked against a baseline that does not exist
        var missing = Cli("check", "--experiment", "tiny", "--baseline", baseline, "--threads", "1");

        // Then the check fails and creates nothing
        Assert.Equal(1, missing.ExitCode);
        Assert.False(File.Exists(baseline));

        // When the baseline is written from these results, but no tolerances beside it, and checked again
        var results = Json.Read<ExperimentResults>(Path.Combine(_root, "artifacts", "tiny", "results.json"));
        RegressionCheck.Accept(results, baseline, _ => null);
        var untolerated = Cli("check", "--experiment", "tiny", "--baseline", baseline, "--threads", "1");

        // Then it fails with the file it looked for and the command that derives it (a one-pair experiment borrows a spread)
        Assert.Equal(1, untolerated.ExitCode);
        Assert.Contains($"No tolerances at {Path.Combine(_root, "baseline.tolerances.yaml")}. Derive them", untolerated.Output);
        Assert.Contains("orthorebasin tolerances --experiment tiny --write --from <", untolerated.Output);

        // When tolerances are written beside the baseline and it is checked again
        File.WriteAllText(Path.Combine(_root, "baseline.tolerances.yaml"), "derived_from: tiny\nsigmas: 1\ntolerances:\n  default: { abs: 1.0e-9 }\n");
        var passing = Cli("check", "--experiment", "tiny", "--baseline", baseline, "--threads", "1");

        // Then it passes
        Assert.Equal(0, passing.ExitCode);
    }

    [Fact]
    public void Tolerances_prints_the_file_that_write_puts_beside_the_baseline_and_check_reads()
    {
        // Given results of an experiment of two seed pairs and its accepted baseline
        Assert.Equal(0, Cli("interpolate", "--experiment", "tiny-pairs", "--threads", "1").ExitCode);
        var results = Json.Read<ExperimentResults>(Path.Combine(_root, "artifacts", "tiny-pairs", "results.json"));
        var baselines = Path.Combine(_root, "tests", "baselines");
        RegressionCheck.Accept(results, Path.Combine(baselines, "tiny-pairs.json"), _ => null);

        // When its tolerances are printed, then written, and the experiment checked
        var printed = Cli("tolerances", "--experiment", "tiny-pairs", "--sigmas", "2");
        var written = Cli("tolerances", "--experiment", "tiny-pairs", "--sigmas", "2", "--write");
        var check = Cli("check", "--experiment", "tiny-pairs", "--threads", "1");

        // Then the file holds what was printed: the derivation from these results, which the check then passes with
        Assert.Equal((0, 0, 0), (printed.ExitCode, written.ExitCode, check.ExitCode));
        var path = Path.Combine(baselines, "tiny-pairs.tolerances.yaml");
        Assert.Equal(printed.Output, File.ReadAllText(path));
        var file = ToleranceFile.Read(path);
        Assert.Equal(("tiny-pairs", 2.0), (file.DerivedFrom, file.Sigmas));
        Assert.Equal(ToleranceDerivation.Derive(results, checkedPairs: 2, k: 2), file.Tolerances);
        Assert.Contains("Check passed", check.Output);
    }

    [Fact]
    public void A_manifest_error_is_one_line_with_file_line_and_column()
    {
        // Given a recipe with a misspelt key on line 3, column 40
        File.WriteAllText(Path.Combine(_root, "pipelines", "tiny.yaml"), Recipe.Replace("batch_size", "batchsize"));

        // When any command loads it
        var result = Cli("train", "--experiment", "tiny");

        // Then it exits 1 with the position and the valid keys, and no stack trace
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tiny.yaml:3:", result.Error);
        Assert.Contains("batch_size", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Help_lists_every_stage_command()
    {
        // Given / When
        var help = Cli("--help");

        // Then
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "run", "train", "align", "interpolate", "plot", "report", "check", "list" })
        {
            Assert.Contains(command, help.Output);
        }
    }

    [Fact]
    public void Run_help_lists_the_values_of_tier_and_device()
    {
        // Given / When
        var help = Cli("run", "--help");

        // Then each closed set is listed (help wraps lines, so whitespace is compared loosely)
        Assert.Equal(0, help.ExitCode);
        var text = Regex.Replace(help.Output, @"\s+", " ");
        Assert.Contains("this tier: quick, full, gpu", text, StringComparison.Ordinal);
        Assert.Contains("computed: cpu, cuda", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--device", "gpu", "'gpu' is not a compute device; valid values: cpu, cuda.")]
    [InlineData("--tier", "nightly", "'nightly' is not a tier; valid values: quick, full, gpu.")]
    public void A_value_outside_a_closed_set_is_one_line_listing_the_valid_values(string option, string value, string message)
    {
        // Given / When
        var result = Cli("train", "--experiment", "tiny", option, value);

        // Then it exits 1 with that line alone
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {message}", result.Error.TrimEnd());
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Tier_and_device_parse_in_any_letter_case()
    {
        // Given / When
        var result = Cli("matrix", "--tier", "QUICK", "--device", "Cuda");

        // Then the quick tier is selected
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"experiment\":\"tiny\",\"tier\":\"quick\"", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--experimnet", "tiny")]
    [InlineData("--threadz", "2")]
    [InlineData("--artifactz", "x")]
    public void A_misspelt_option_is_an_error_not_ignored(string option, string value)
    {
        // Given / When
        var result = Cli("train", "--experiment", "tiny", option, value);

        // Then nothing is trained
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Unknown option '{option[2..]}'.", result.Error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts")));
        Assert.False(Directory.Exists(Path.Combine(_root, value)));
    }

    [Fact]
    public void Threads_above_1024_are_one_line_with_the_bound()
    {
        // Given / When
        var result = Cli("train", "--experiment", "tiny", "--threads", "1025");

        // Then
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --threads 1025: expected at most 1024;", Assert.Single(result.Error.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts")));
    }

    [Theory]
    [InlineData("results.txt", "is a file")]
    [InlineData("results.txt/out", "lies under the file")]
    public void Artifacts_that_name_a_file_are_one_line_before_any_work(string artifacts, string what)
    {
        // Given a file where the outputs would go
        File.WriteAllText(Path.Combine(_root, "results.txt"), "not a folder");

        // When
        var result = Cli("train", "--experiment", "tiny", "--artifacts", artifacts);

        // Then it exits 1 with one line naming it, and nothing is trained
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: --artifacts {artifacts}: {what}", line, StringComparison.Ordinal);
        Assert.EndsWith("Name a folder (it is created when missing).", line, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(Path.Combine(_root, "results.txt")));
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_file_where_the_default_artifacts_folder_goes_is_one_line_before_any_work()
    {
        // Given a file named artifacts beside the manifest
        File.WriteAllText(Path.Combine(_root, "artifacts"), "not a folder");

        // When
        var result = Cli("train", "--experiment", "tiny");

        // Then it exits 1 with one line saying so and how to choose another folder
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: The artifacts folder ", line, StringComparison.Ordinal);
        Assert.EndsWith("artifacts beside the manifest is a file. Move that file, or choose a folder with --artifacts DIR.", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_missing_data_set_is_one_line_with_the_command_that_fetches_it()
    {
        // Given a recipe on MNIST and an empty data folder
        File.WriteAllText(Path.Combine(_root, "pipelines", "tiny.yaml"), Recipe.Replace("uci-digits", "mnist"));
        var data = Directory.CreateDirectory(Path.Combine(_root, "data-empty")).FullName;

        // When the models are trained
        var result = Cli("train", "--experiment", "tiny", "--data-dir", data);

        // Then it exits 1 with the library's message and the command line's hint on one line
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: MNIST was not found", line, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(data, "mnist")}: no such folder", line, StringComparison.Ordinal);
        Assert.Contains($"`orthorebasin download mnist --data-dir {data}` fetches it", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_run_on_a_read_only_artifacts_folder_writes_nothing_and_a_missing_report_is_one_line()
    {
        // Given a complete run
        Assert.Equal(0, Cli("run", "--experiment", "tiny", "--threads", "1").ExitCode);
        var artifacts = Path.Combine(_root, "artifacts");
        var experiment = Path.Combine(artifacts, "tiny");
        var before = Snapshot(artifacts);

        // When it runs again on the folder made genuinely read-only
        if (CliOnReadOnly(artifacts, "run", "--experiment", "tiny", "--threads", "1") is not { } warm)
        {
            Console.WriteLine("Skipped: running as root without unshare/mount, so the artifacts folder cannot be made read-only.");
            return;
        }

        // Then it read the cached results without a lock and wrote nothing
        Assert.True(warm.ExitCode == 0, $"exit {warm.ExitCode}:\n{warm.Output}\n{warm.Error}");
        Assert.Contains($"[tiny] artifacts folder {experiment} is read-only: reading the cached results without a lock", warm.Output, StringComparison.Ordinal);
        Assert.Contains("[tiny] report      up to date (report.key)", warm.Output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(artifacts));

        // And without its report, the read-only run is one line naming the folder, the report and the fix
        File.Delete(Path.Combine(experiment, "report.md"));
        var stale = CliOnReadOnly(artifacts, "run", "--experiment", "tiny", "--threads", "1")!.Value;
        Assert.Equal(1, stale.ExitCode);
        var line = Assert.Single(stale.Error.TrimEnd().Split('\n'));
        Assert.Equal($"error: {experiment} cannot be written, and report.md is missing or out of date (report.key): the run would have to write it. " +
                     $"Make {experiment} writable, or run with --artifacts pointing at a writable copy.", line);
        Assert.False(File.Exists(Path.Combine(experiment, "report.md")));
    }

    [Fact]
    public void A_run_that_waits_for_a_held_lock_gives_up_after_its_wait_with_one_line_naming_the_holder()
    {
        // Given this process holding the experiment's lock
        using var held = OrthoRebasin.Pipeline.RunLock.Acquire(Path.Combine(_root, "artifacts", "tiny"), "experiment 'tiny'");

        // When a run in another process waits 1 s for it
        var result = Cli("train", "--experiment", "tiny", "--wait", "1");

        // Then it said once whom it waited for, and gave up with one line naming the holder and the wait
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Output.Split('\n'), l => l.StartsWith($"[tiny] waiting for pid {Environment.ProcessId} on ", StringComparison.Ordinal));
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: experiment 'tiny' is being written by another run (pid ", line, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId} on ", line, StringComparison.Ordinal);
        Assert.Contains("; waited 1 s)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_above_7_days_is_one_line_with_the_bound()
    {
        // Given / When
        var result = Cli("train", "--experiment", "tiny", "--wait", "604801");

        // Then
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --wait 604801: expected 0 to 604800 seconds (7 days), or --wait alone for the longest wait.", Assert.Single(result.Error.TrimEnd().Split('\n')));
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts")));
    }

    /// <summary>
    /// The command line run on <paramref name="folder"/> made read-only: for root (CI), whom chmod does not stop, in a
    /// private mount namespace where the folder is bind-mounted onto itself read-only (gone when the process ends); for
    /// anyone else, with chmod -R a-w, restored afterwards. Null when neither is possible.
    /// </summary>
    private (int ExitCode, string Output, string Error)? CliOnReadOnly(string folder, params string[] arguments)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (Environment.IsPrivilegedProcess)
        {
            const string MountReadOnly = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\" && exec \"$@\"";
            var probe = Run("unshare", ["--mount", "--propagation", "private", "sh", "-c", MountReadOnly, folder, "true"]);
            return probe.ExitCode != 0 ? null : Run("unshare", ["--mount", "--propagation", "private", "sh", "-c", MountReadOnly, folder, "dotnet", CliDll, .. arguments]);
        }

        Assert.Equal(0, Run("chmod", ["-R", "a-w", folder]).ExitCode);
        try
        {
            return Cli(arguments);
        }
        finally
        {
            Run("chmod", ["-R", "u+w", folder]);
        }
    }

    /// <summary>Every file and folder under <paramref name="folder"/>, with its size, write time and SHA-256.</summary>
    private static List<string> Snapshot(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
            File.Exists(path)
                ? $"{path} {new FileInfo(path).Length} {File.GetLastWriteTimeUtc(path).Ticks} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}"
                : $"{path}/ {Directory.GetLastWriteTimeUtc(path).Ticks}")];

    private static string CliDll => CliProcess.CliDll;

    private (int ExitCode, string Output, string Error) Cli(params string[] arguments) => CliProcess.Cli(_root, arguments);

    private (int ExitCode, string Output, string Error) Run(string program, string[] arguments) => CliProcess.Run(_root, program, arguments);
}
