using OrthoRebasin.Manifest;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>A command that runs one piece of work for every selected experiment.</summary>
public abstract class StageCommand<TSettings> : Command<TSettings>
    where TSettings : PipelineSettings
{
    public override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var workspace = Workspace.From(settings);
        var exitCode = 0;
        foreach (var experiment in workspace.Experiments)
        {
            exitCode = Math.Max(exitCode, Execute(workspace, experiment, settings));
        }

        return exitCode;
    }

    internal abstract int Execute(Workspace workspace, Experiment experiment, TSettings settings);
}
