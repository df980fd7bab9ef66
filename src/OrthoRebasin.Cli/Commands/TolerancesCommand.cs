using System.ComponentModel;
using OrthoRebasin.Check;
using OrthoRebasin.Manifest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>
/// Prints the <c>check:</c> block for an experiment, with tolerances derived from the seed-to-seed spread of its own
/// results (or, with --from, of another experiment's: a one-pair quick tier borrows its full tier's spread).
/// </summary>
public sealed class TolerancesCommand : StageCommand<TolerancesCommand.Settings>
{
    public sealed class Settings : PipelineSettings
    {
        [CommandOption("--from <ID>")]
        [Description("Derive from this experiment's results instead (it needs at least two seed pairs).")]
        public string? From { get; init; }

        [CommandOption("--sigmas <K>")]
        [Description("How many seed-to-seed standard deviations a number may move (default 1).")]
        [DefaultValue(ToleranceDerivation.DefaultK)]
        public double K { get; init; } = ToleranceDerivation.DefaultK;

        public override ValidationResult Validate() =>
            K > 0 ? base.Validate() : ValidationResult.Error($"--sigmas {K}: expected a positive number.");
    }

    internal override int Execute(Workspace workspace, Experiment experiment, Settings settings)
    {
        var source = settings.From is null
            ? experiment
            : ManifestLoader.Load(workspace.ManifestPath).FirstOrDefault(e => e.Id == settings.From)
              ?? throw new ArgumentException($"--from '{settings.From}': no such experiment in {workspace.ManifestPath}.");
        var tolerances = ToleranceDerivation.Derive(workspace.ReadResults(source), experiment.Entry.SeedPairs.Count, settings.K);
        Console.WriteLine($"# {experiment.Id}: paste under its entry in {Path.GetFileName(workspace.ManifestPath)}");
        Console.Write(ToleranceDerivation.ToYaml(tolerances, source.Id, settings.K));
        return 0;
    }
}
