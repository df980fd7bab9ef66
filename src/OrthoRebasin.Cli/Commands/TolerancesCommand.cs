using System.ComponentModel;
using OrthoRebasin.Check;
using OrthoRebasin.Manifest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>
/// Derives an experiment's check tolerances from the seed-to-seed spread of its own results (or, with --from, of another
/// experiment's: a one-pair quick tier borrows its full tier's spread) and prints its tolerances file, or with --write
/// writes it beside the experiment's baseline, where the check reads it.
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

        [CommandOption("--write")]
        [Description("Write tests/baselines/<experiment>.tolerances.yaml (beside the baseline) instead of printing it.")]
        public bool Write { get; init; }

        public override ValidationResult Validate() =>
            K > 0 ? base.Validate() : ValidationResult.Error($"--sigmas {K}: expected a positive number.");
    }

    internal override int Execute(Workspace workspace, Experiment experiment, Settings settings)
    {
        var source = settings.From is null
            ? experiment
            : workspace.Manifest.FirstOrDefault(e => e.Id == settings.From)
              ?? throw new UserErrorException($"--from '{settings.From}': no such experiment in {workspace.ManifestPath}.");
        var tolerances = new CheckTolerances
        {
            DerivedFrom = source.Id,
            Sigmas = settings.K,
            Tolerances = ToleranceDerivation.Derive(workspace.ReadResults(source), experiment.Entry.PairCount, settings.K),
        };
        if (!settings.Write)
        {
            Console.Write(ToleranceFile.Serialize(experiment.Id, tolerances));
            return 0;
        }

        var path = workspace.TolerancesPath(experiment);
        ToleranceFile.Write(path, experiment.Id, tolerances);
        Console.WriteLine($"[{experiment.Id}] tolerances written: {path}");
        return 0;
    }
}
