using OrthoRebasin.Pipeline;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>Prints the selected experiments as a GitHub Actions matrix (one line of JSON on stdout, nothing else).</summary>
public sealed class MatrixCommand : Command<PipelineSettings>
{
    public override int Execute(CommandContext context, PipelineSettings settings, CancellationToken cancellationToken)
    {
        var workspace = Workspace.From(settings);
        Console.WriteLine(ExperimentMatrix.ToJson(workspace.Experiments));
        return 0;
    }
}
