using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;

namespace OrthoRebasin.Cli.Commands;

public sealed class RunCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        var results = pipeline.Run();
        var figures = Figures.DrawAll(results, Path.Combine(pipeline.ExperimentDirectory, "figures"));
        var report = Path.Combine(pipeline.ExperimentDirectory, "report.md");
        ReportWriter.Write(results, figures, report);
        Console.WriteLine($"[{experiment.Id}] results: {pipeline.ResultsPath}");
        Console.WriteLine($"[{experiment.Id}] report:  {report}");
        return 0;
    }
}
