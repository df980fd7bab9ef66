using OrthoRebasin.Data;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Results;

namespace OrthoRebasin.Cli.Commands;

/// <summary>Resolves the settings of a command into a manifest, a selection of experiments and run settings.</summary>
internal sealed record Workspace(string ManifestPath, IReadOnlyList<Experiment> Experiments, RunSettings Run, IReadOnlyList<Experiment> Manifest)
{
    public static Workspace From(PipelineSettings settings)
    {
        var manifest = Path.GetFullPath(settings.Manifest ?? FindManifest());
        var artifacts = settings.Artifacts ?? Path.Combine(Path.GetDirectoryName(manifest)!, "artifacts");
        CheckArtifactsFolder(artifacts, given: settings.Artifacts is not null);
        var all = ManifestLoader.Load(manifest);
        var selected = ExperimentSelection.Select(all, settings.Experiment, settings.Tier, settings.All);
        return new Workspace(manifest, selected, new RunSettings(artifacts, settings.Device, settings.Threads, settings.DataDir) { LockWait = settings.LockWait }, all);
    }

    /// <summary>The manifest found from the current folder, or the library's error with the option that names one.</summary>
    public static string FindManifest()
    {
        try
        {
            return ExperimentSelection.FindManifest(Directory.GetCurrentDirectory());
        }
        catch (UserErrorException ex)
        {
            throw new UserErrorException($"{ex.Message} On the command line: --manifest PATH.", ex);
        }
    }

    /// <summary>
    /// Refuses, before any work, an artifacts folder that cannot be one: an existing file, or a path under a file (a stage
    /// would otherwise fail only when it first writes, with a bare IO error).
    /// </summary>
    private static void CheckArtifactsFolder(string artifacts, bool given)
    {
        var full = Path.GetFullPath(artifacts);
        for (var at = full; !string.IsNullOrEmpty(at) && !Directory.Exists(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                var what = at == full ? "is a file" : $"lies under the file {at}";
                throw new UserErrorException(given
                    ? $"--artifacts {artifacts}: {what}, and outputs go into a folder. Name a folder (it is created when missing)."
                    : $"The artifacts folder {full} beside the manifest {what}. Move that file, or choose a folder with --artifacts DIR.");
            }
        }
    }

    private Published.PublishedNumbers? _published;

    /// <summary>The registry of published numbers beside the manifest (published.yaml), checked against its experiments; empty without one.</summary>
    public Published.PublishedNumbers Published => _published ??= OrthoRebasin.Published.PublishedNumbers.LoadBeside(ManifestPath, Manifest.Select(e => e.Id));

    /// <summary>tests/baselines beside the manifest: one recorded baseline per experiment.</summary>
    public string BaselinePath(Experiment experiment) =>
        Path.Combine(Path.GetDirectoryName(ManifestPath)!, "tests", "baselines", $"{experiment.Id}.json");

    /// <summary>The check's tolerances of the experiment, beside its baseline.</summary>
    public string TolerancesPath(Experiment experiment) => Check.ToleranceFile.PathFor(BaselinePath(experiment));

    public ExperimentPaths PathsOf(Experiment experiment) => ExperimentPaths.For(Run.ArtifactsRoot, experiment.Id);

    /// <summary>The experiment's results.json, or a clear error saying which command produces it.</summary>
    public Results.ExperimentResults ReadResults(Experiment experiment)
    {
        var path = PathsOf(experiment).Results;
        return File.Exists(path)
            ? IO.Json.Read<Results.ExperimentResults>(path)
            : throw new UserErrorException($"{path} does not exist yet: run `orthorebasin interpolate` (or `run`) for experiment '{experiment.Id}' first.");
    }

    /// <summary>For a residual-MLP experiment, the plain-MLP experiment of the same data set and its results if they exist; otherwise null.</summary>
    public Plotting.PlainMlpComparison? PlainMlpComparison(Experiment experiment)
    {
        if (PlainMlpCounterpart.Of(experiment, Manifest) is not { } mlp)
        {
            return null;
        }

        var path = PathsOf(mlp).Results;
        return new Plotting.PlainMlpComparison(mlp.Id, File.Exists(path) ? IO.Json.Read<Results.ExperimentResults>(path) : null);
    }

    /// <summary>Opens the experiment's pipeline and runs <paramref name="stage"/> on it, with live progress on a terminal.</summary>
    public T Execute<T>(Experiment experiment, Func<ExperimentPipeline, T> stage)
    {
        var observer = new ConsoleObserver(experiment.Id);
        using var pipeline = new ExperimentPipeline(experiment, Run, observer);
        try
        {
            return observer.Live(() => stage(pipeline));
        }
        catch (DatasetNotFoundException ex)
        {
            var dataDir = Run.DataDir switch
            {
                null => "",
                var dir when dir.Any(char.IsWhiteSpace) => $" --data-dir \"{dir}\"",
                var dir => $" --data-dir {dir}",
            };
            throw new UserErrorException(
                $"{ex.Message} On the command line: `orthorebasin download {ex.DatasetId}{dataDir}` fetches it, and --data-dir DIR chooses the data folder.", ex);
        }
    }
}
