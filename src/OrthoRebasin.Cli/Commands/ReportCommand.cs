using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;

namespace OrthoRebasin.Cli.Commands;

public sealed class ReportCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        using var pipeline = workspace.Open(experiment);
        var results = Json.Read<ExperimentResults>(ResultsFile.Require(pipeline.ResultsPath));
        var figures = Path.Combine(pipeline.ExperimentDirectory, "figures");
        var files = Directory.Exists(figures) ? Directory.GetFiles(figures, "*.png").Order(StringComparer.Ordinal).ToList() : [];
        var report = Path.Combine(pipeline.ExperimentDirectory, "report.md");
        ReportWriter.Write(results, files, report);
        Console.WriteLine($"[{experiment.Id}] report: {report}");
        return 0;
    }
}
