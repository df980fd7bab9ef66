using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

public sealed class AlignCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        pipeline.Align();
        return 0;
    }
}
