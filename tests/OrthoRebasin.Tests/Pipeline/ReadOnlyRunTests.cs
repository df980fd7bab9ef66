using System.Security.Cryptography;
using OrthoRebasin.Cli.Commands;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Tests.Manifest;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>
/// A complete run on a folder it cannot write reads it without writing a byte; anything it would have to write is one
/// line naming it and the fix. The folder is played read-only through the pipeline's lock seam (tests run as root in
/// CI, where chmod stops nothing); that nothing is written is checked on the real folder, file by file.
/// CliEndToEndTests runs the same on a genuinely read-only folder.
/// </summary>
public sealed class ReadOnlyRunTests : IDisposable
{
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [16] }
        training: { epochs: 2 }
        methods:
          - id: identity
          - id: weight-matching
        lambdas: 5
        evaluation: { train_subset: 200 }
        """;

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-readonly-").FullName;
    private readonly TempManifest _manifest = new(TempManifest.Experiments, Recipe);

    public void Dispose()
    {
        _manifest.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }

    private string Folder => Path.Combine(_artifacts, "tiny");

    [Fact]
    public void A_complete_run_reads_a_read_only_folder_without_writing()
    {
        // Given a complete run, its figures and report
        var experiment = _manifest.Load()[0];
        var written = Run(experiment, readOnly: false, out _);
        var before = Snapshot();

        // When it runs again on the folder as if it could not be written
        var read = Run(experiment, readOnly: true, out var messages);

        // Then it said so once, computed nothing, wrote nothing (not even a lock), and returned the same results
        Assert.Single(messages, m => m == $"artifacts folder {Folder} is read-only: reading the cached results without a lock");
        Assert.Contains("figures     up to date (figures.key)", messages);
        Assert.Contains("report      up to date (report.key)", messages);
        Assert.Equal(before, Snapshot());
        Assert.Equal(OrthoRebasin.IO.Json.Serialize(written), OrthoRebasin.IO.Json.Serialize(read));
    }

    [Theory]
    [InlineData("missing unit", "the unit interpolate")]
    [InlineData("damaged unit", "failed verification (model.safetensors")]
    [InlineData("edited results", "results.json, results.csv or provenance.json is missing or does not verify against results.key")]
    [InlineData("deleted figure", "the figures are missing or out of date (figures.key)")]
    [InlineData("edited report", "report.md is missing or out of date (report.key)")]
    public void A_read_only_run_that_would_have_to_write_is_one_line_naming_what_and_the_fix(string damage, string what)
    {
        // Given a complete run, then one thing a rerun would have to write again
        var experiment = _manifest.Load()[0];
        Run(experiment, readOnly: false, out _);
        Damage(damage);
        var before = Snapshot();

        // When it runs on the folder as if it could not be written
        var error = Assert.Throws<UserErrorException>(() => Run(experiment, readOnly: true, out _));

        // Then one line names the folder, what is missing or stale, and the fix, and nothing was written
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith($"{Folder} cannot be written, and ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Make {Folder} writable, or run with --artifacts pointing at a writable copy.", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_missing_unit_named_is_the_first_one_the_run_needs()
    {
        // Given a complete run without its models
        var experiment = _manifest.Load()[0];
        Run(experiment, readOnly: false, out _);
        Directory.Delete(Path.Combine(Folder, "train"), recursive: true);

        // When / Then the first model the run needs is named, not a later unit
        var error = Assert.Throws<UserErrorException>(() => Run(experiment, readOnly: true, out _));
        Assert.Contains($"the unit {Path.Combine("train", "seed-1-")}", error.Message, StringComparison.Ordinal);
        Assert.Contains(" is missing: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_run_on_a_writable_folder_redraws_only_figures_and_reports_that_are_out_of_date()
    {
        // Given a complete run
        var experiment = _manifest.Load()[0];
        Run(experiment, readOnly: false, out _);
        var figures = Directory.GetFiles(Path.Combine(Folder, "figures"), "*.png").Order(StringComparer.Ordinal).ToList();
        var report = Path.Combine(Folder, "report.md");
        var drawnAt = figures.Append(report).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        // When it runs again
        Run(experiment, readOnly: false, out var warm);

        // Then nothing was drawn again
        Assert.Contains("figures     up to date (figures.key)", warm);
        Assert.Contains("report      up to date (report.key)", warm);
        Assert.All(drawnAt, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));

        // And a deleted figure is drawn again, with the report that links the figures
        File.Delete(figures[0]);
        Run(experiment, readOnly: false, out var redrawn);
        Assert.True(File.Exists(figures[0]));
        Assert.DoesNotContain("figures     up to date (figures.key)", redrawn);
        Assert.Contains("report      up to date (report.key)", redrawn);

        // And an edited report is written again
        File.AppendAllText(report, "edited\n");
        Run(experiment, readOnly: false, out var rewritten);
        Assert.DoesNotContain("edited", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain("report      up to date (report.key)", rewritten);
    }

    private void Damage(string damage)
    {
        switch (damage)
        {
            case "missing unit":
                Directory.Delete(Directory.GetDirectories(Path.Combine(Folder, "interpolate")).Order(StringComparer.Ordinal).First(), recursive: true);
                break;
            case "damaged unit":
                var model = Directory.GetFiles(Path.Combine(Folder, "train"), "model.safetensors", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
                var bytes = File.ReadAllBytes(model);
                bytes[^5] ^= 0x01;
                File.WriteAllBytes(model, bytes);
                break;
            case "edited results":
                File.AppendAllText(Path.Combine(Folder, "results.csv"), "edited\n");
                break;
            case "deleted figure":
                File.Delete(Directory.GetFiles(Path.Combine(Folder, "figures"), "*.png").Order(StringComparer.Ordinal).First());
                break;
            case "edited report":
                File.AppendAllText(Path.Combine(Folder, "report.md"), "edited\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    /// <summary>The pipeline, figures and report as `orthorebasin run` does them; read-only plays a folder that refuses the lock.</summary>
    private Results.ExperimentResults Run(Experiment experiment, bool readOnly, out List<string> messages)
    {
        var observer = new RecordingObserver();
        Func<string, string, RunLock?>? takeLock = readOnly ? (_, _) => null : null;
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts, Threads: 1), observer, takeLock);
        Assert.Equal(readOnly, pipeline.ReadOnly);
        var results = pipeline.Run();
        RunCommand.DrawOutputs(pipeline.Paths, pipeline.ReadOnly, results, plainMlp: null, OrthoRebasin.Published.PublishedNumbers.Empty, observer.Message);
        messages = observer.Messages;
        return results;
    }

    /// <summary>Every file and folder under the artifacts, with its size, write time and SHA-256.</summary>
    private List<string> Snapshot() =>
        [.. Directory.EnumerateFileSystemEntries(_artifacts, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
            File.Exists(path)
                ? $"{path} {new FileInfo(path).Length} {File.GetLastWriteTimeUtc(path).Ticks} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}"
                : $"{path}/ {Directory.GetLastWriteTimeUtc(path).Ticks}")];

    private sealed class RecordingObserver : IPipelineObserver
    {
        public List<string> Messages { get; } = [];

        public void UnitFinished(string stage, string unit, double seconds, bool cached)
        {
        }

        public void Message(string text) => Messages.Add(text);
    }
}
