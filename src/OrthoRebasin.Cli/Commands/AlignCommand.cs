using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

public sealed class AlignCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings) =>
        workspace.Execute(experiment, pipeline => pipeline.Align().Count > 0 ? 0 : 1);
}
