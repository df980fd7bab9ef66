using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;

namespace OrthoRebasin.Cli.Commands;

public sealed class PlotCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        var results = Json.Read<ExperimentResults>(ResultsFile.Require(pipeline.ResultsPath));
        foreach (var file in Figures.DrawAll(results, Path.Combine(pipeline.ExperimentDirectory, "figures")))
            Console.WriteLine($"[{experiment.Id}] figure: {file}");
        return 0;
    }
}
