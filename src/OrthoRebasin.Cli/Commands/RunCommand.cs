using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Cli.Commands;

public sealed class RunCommand : StageCommand<PipelineSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, PipelineSettings settings)
    {
        // The report reads the registry of published numbers: a mistake in it is reported before any work, not after.
        _ = workspace.Published;
        return workspace.Execute(experiment, pipeline =>
        {
            var results = pipeline.Run();
            DrawOutputs(pipeline.Paths, pipeline.ReadOnly, results, workspace.PlainMlpComparison(experiment), workspace.Published, line => Console.WriteLine($"[{experiment.Id}] {line}"));
            Console.WriteLine($"[{experiment.Id}] results: {pipeline.Paths.Results}");
            Console.WriteLine($"[{experiment.Id}] report:  {pipeline.Paths.Report}");
            return 0;
        });
    }

    /// <summary>
    /// Draws the figures and writes the report unless they are up to date: drawn from this results.json (by content), with
    /// this build of the plotting code, and unchanged since (<see cref="ExperimentPaths.FiguresKey"/>,
    /// <see cref="ExperimentPaths.ReportKey"/>). On a folder that cannot be written, an out-of-date one is a
    /// <see cref="UserErrorException"/> naming it.
    /// </summary>
    internal static void DrawOutputs(ExperimentPaths paths, bool readOnly, ExperimentResults results, PlainMlpComparison? plainMlp, PublishedNumbers published, Action<string> say)
    {
        var resultsHash = DrawnFiles.ContentHash(paths.Results);
        var figuresKey = DrawnFiles.Key(new { Results = resultsHash, Figures.FontFamily });
        var figures = DrawnFiles.Current(paths.FiguresKey, figuresKey);
        if (figures is null)
        {
            if (readOnly)
            {
                throw ArtifactStore.ReadOnlyRefusal(paths.Directory, "the figures are missing or out of date (figures.key)");
            }

            figures = Figures.DrawAll(results, paths.Figures);
            DrawnFiles.Record(paths.FiguresKey, figuresKey, figures);
        }
        else
        {
            say("figures     up to date (figures.key)");
        }

        var reportKey = DrawnFiles.Key(new
        {
            Results = resultsHash,
            Figures = figures.Select(f => Path.GetRelativePath(paths.Directory, f).Replace(Path.DirectorySeparatorChar, '/')).ToList(),
            PlainMlp = plainMlp is null ? null : new { plainMlp.ExperimentId, Results = plainMlp.Results is null ? null : Json.Hash(plainMlp.Results) },
            // The report shows this experiment's registry entries and the study's table: an edit to either redraws it.
            Published = Json.Hash(new { Entries = published.For(results.ExperimentId), Study = StudyTable.From(published), published.Sources }),
        });
        if (DrawnFiles.Current(paths.ReportKey, reportKey) is not null)
        {
            say("report      up to date (report.key)");
            return;
        }

        if (readOnly)
        {
            throw ArtifactStore.ReadOnlyRefusal(paths.Directory, "report.md is missing or out of date (report.key)");
        }

        ReportWriter.Write(results, figures, paths.Report, plainMlp, published);
        DrawnFiles.Record(paths.ReportKey, reportKey, [paths.Report]);
    }
}
