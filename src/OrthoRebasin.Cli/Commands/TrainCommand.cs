using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

public sealed class TrainCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        pipeline.Train();
        return 0;
    }
}
