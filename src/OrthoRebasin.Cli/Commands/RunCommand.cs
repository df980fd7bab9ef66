using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;

namespace OrthoRebasin.Cli.Commands;

public sealed class RunCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings) =>
        workspace.Execute(experiment, pipeline =>
        {
            var results = pipeline.Run();
            var figures = Figures.DrawAll(results, pipeline.Paths.Figures);
            ReportWriter.Write(results, figures, pipeline.Paths.Report, workspace.PlainMlpComparison(experiment));
            Console.WriteLine($"[{experiment.Id}] results: {pipeline.Paths.Results}");
            Console.WriteLine($"[{experiment.Id}] report:  {pipeline.Paths.Report}");
            return 0;
        });
}
