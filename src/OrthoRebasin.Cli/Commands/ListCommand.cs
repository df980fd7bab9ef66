using System.ComponentModel;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

public sealed class ListCommand : Command<ListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--manifest <PATH>")]
        [Description("The experiments manifest (default: experiments.yaml in the current folder or the nearest parent).")]
        public string? Manifest { get; init; }
    }

    // Seed pairs as 1-2, checkpoint pairs as their files (B aligned onto A: a→b).
    private static string Pairs(ExperimentEntry entry) =>
        entry.Checkpoints is { } files
            ? string.Join(" ", files.Select(p => $"{p.A}→{p.B}"))
            : string.Join(" ", entry.SeedPairs.Select(p => $"{p[0]}-{p[1]}"));

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var manifest = settings.Manifest ?? Workspace.FindManifest();
        var experiments = new Table().AddColumns("experiment", "sweep", "tier", "pipeline", "pairs", "description");
        foreach (var e in ManifestLoader.Load(manifest))
        {
            experiments.AddRow(Markup.Escape(e.Id), Markup.Escape(SweepText(e.Sweep)), e.Entry.Tier.ToString().ToLowerInvariant(), Markup.Escape(e.Entry.Pipeline), Markup.Escape(Pairs(e.Entry)), Markup.Escape(e.Entry.Description));
        }

        AnsiConsole.Write(experiments);
        var methods = new Table().AddColumns("method", "exact", "activations", "description");
        foreach (var method in AlignmentMethods.Registry.Entries)
        {
            methods.AddRow(Markup.Escape(method.Id), method.Traits.Exact ? "yes" : "no", method.Traits.NeedsActivations ? "yes" : "no", Markup.Escape(method.Description));
        }

        AnsiConsole.Write(methods);
        Write("path", InterpolationPaths.Registry.Entries);
        Write("data set", DatasetRegistry.Registry.Entries);
        Write("model", Architectures.Registry.Entries);
        Write("metric", CurveMetrics.Registry.Entries);
        return 0;
    }

    // A sweep's point as its parent and values ("repair-mlp-quick: model.hidden=[128, 128]"); empty for other experiments.
    internal static string SweepText(SweepPoint? sweep) =>
        sweep is null ? "" : $"{sweep.Parent}: {string.Join(" ", sweep.Coordinates.Select(c => $"{c.Key}={c.Value}"))}";

    private static void Write(string title, IEnumerable<IRegistryEntry> entries)
    {
        var table = new Table().AddColumns(title, "description");
        foreach (var entry in entries)
        {
            table.AddRow(Markup.Escape(entry.Id), Markup.Escape(entry.Description));
        }

        AnsiConsole.Write(table);
    }
}
