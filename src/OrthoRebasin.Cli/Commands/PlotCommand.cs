using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;

namespace OrthoRebasin.Cli.Commands;

public sealed class PlotCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        foreach (var file in Figures.DrawAll(workspace.ReadResults(experiment), workspace.PathsOf(experiment).Figures))
        {
            Console.WriteLine($"[{experiment.Id}] figure: {file}");
        }

        return 0;
    }
}
