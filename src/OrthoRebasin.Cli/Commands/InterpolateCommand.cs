using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

public sealed class InterpolateCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings) =>
        workspace.Execute(experiment, pipeline =>
        {
            pipeline.Gather();
            Console.WriteLine($"[{experiment.Id}] results: {pipeline.Paths.Results}");
            return 0;
        });
}
