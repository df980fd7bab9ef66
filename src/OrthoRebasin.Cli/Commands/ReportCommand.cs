using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;

namespace OrthoRebasin.Cli.Commands;

public sealed class ReportCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        var paths = workspace.PathsOf(experiment);
        var figures = Directory.Exists(paths.Figures) ? Directory.GetFiles(paths.Figures, "*.png").Order(StringComparer.Ordinal).ToList() : [];
        ReportWriter.Write(workspace.ReadResults(experiment), figures, paths.Report, workspace.PlainMlpComparison(experiment), workspace.Published);
        Console.WriteLine($"[{experiment.Id}] report: {paths.Report}");
        return 0;
    }
}
