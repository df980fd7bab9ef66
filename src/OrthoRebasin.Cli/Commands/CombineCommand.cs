using System.ComponentModel;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;
using OrthoRebasin.Published;
using OrthoRebasin.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>
/// Gathers every results.json under the given folders (or the files themselves) into one report: the nightly
/// workflow's gathering job, or a local `--all` run's artifacts folder. Figures across each sweep among the results go
/// beside the report (<see cref="Figures.DrawSweeps"/>).
/// </summary>
public sealed class CombineCommand : Command<CombineCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PATHS]")]
        [Description("Folders searched recursively for results.json, or results.json files (default: artifacts).")]
        public string[] Paths { get; init; } = [];

        [CommandOption("-m|--manifest <PATH>")]
        [Description("The experiments manifest whose published.yaml (beside it) is set beside the results (default: experiments.yaml in the current folder or the nearest parent; none found: no published numbers).")]
        public string? Manifest { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Where the combined report goes (default: report.md in the first folder); figures across sweeps go beside it.")]
        public string? Output { get; init; }

        public override ValidationResult Validate()
        {
            var missing = Paths.Where(p => !Directory.Exists(p) && !File.Exists(p)).ToList();
            return missing.Count == 0
                ? ValidationResult.Success()
                : ValidationResult.Error($"No such file or folder: {string.Join(", ", missing)}.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var roots = settings.Paths.Length > 0 ? settings.Paths : ["artifacts"];
        if (!roots.Any(r => Directory.Exists(r) || File.Exists(r)))
        {
            throw new UserErrorException($"No results to combine: {string.Join(", ", roots)} does not exist. Run an experiment first, or name the folders holding results.json.");
        }

        var files = roots
            .SelectMany(r => File.Exists(r) ? [r] : Directory.EnumerateFiles(r, "results.json", SearchOption.AllDirectories))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var experiments = files.Select(f => (File: f, Results: IO.Json.Read<ExperimentResults>(f))).ToList();
        var duplicate = experiments.GroupBy(e => e.Results.ExperimentId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UserErrorException($"Experiment '{duplicate.Key}' has results in more than one file: {string.Join(", ", duplicate.Select(d => d.File))}. Combine one of them.");
        }

        var output = settings.Output ?? Path.Combine(Directory.Exists(roots[0]) ? roots[0] : Path.GetDirectoryName(Path.GetFullPath(roots[0]))!, "report.md");
        var ordered = experiments.Select(e => e.Results).OrderBy(r => r.ExperimentId, StringComparer.Ordinal).ToList();
        ReportWriter.WriteCombined(ordered, output, Published(settings.Manifest));
        Console.WriteLine($"combined report of {ordered.Count} experiment(s): {output}");
        return 0;
    }

    /// <summary>The registry beside the named manifest, or beside the one found from the current folder; empty when there is none.</summary>
    private static PublishedNumbers Published(string? manifest)
    {
        if (manifest is null)
        {
            try
            {
                manifest = ExperimentSelection.FindManifest(Directory.GetCurrentDirectory());
            }
            catch (UserErrorException)
            {
                return PublishedNumbers.Empty;
            }
        }

        return PublishedNumbers.LoadBeside(manifest, ManifestLoader.Load(manifest).Select(e => e.Id));
    }
}
