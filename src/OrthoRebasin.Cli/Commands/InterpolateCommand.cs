using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

public sealed class InterpolateCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        pipeline.Gather();
        Console.WriteLine($"[{experiment.Id}] results: {pipeline.ResultsPath}");
        return 0;
    }
}
