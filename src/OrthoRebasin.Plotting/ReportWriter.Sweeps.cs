using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>
    /// The combined report's "Sweeps" section, when some results are sweep points: per sweep, its figures
    /// (<see cref="Figures.DrawSweeps"/>) by relative link and a table per metric of <see cref="Figures.SweepMetrics"/>
    /// the results have (methods × paths in rows, one column per point, mean ± std over seed pairs on the test split). A
    /// sweep with one point among the results gets one line saying so.
    /// </summary>
    private static void AppendSweeps(StringBuilder md, IReadOnlyList<ExperimentResults> experiments, IReadOnlyList<SweepFigure> figures, string reportDirectory)
    {
        var sweeps = CombinedSweep.Of(experiments);
        if (sweeps.Count == 0)
        {
            return;
        }

        md.AppendLine("## Sweeps");
        md.AppendLine();
        md.AppendLine($"Each sweep's points side by side ({StudySplit} split, mean ± std over seed pairs); a column is a point, headed by its swept values.");
        md.AppendLine();
        foreach (var sweep in sweeps)
        {
            md.AppendLine($"### `{Cell(sweep.Parent)}`");
            md.AppendLine();
            if (sweep.Points.Count == 1)
            {
                md.AppendLine($"One point of this sweep among these results (`{Cell(sweep.Points[0].ExperimentId)}`): nothing to draw across it.");
                md.AppendLine();
                continue;
            }

            md.AppendLine($"{sweep.Points.Count} points; swept: {string.Join(", ", sweep.Keys.Select(k => $"`{Cell(k)}`"))}.");
            md.AppendLine();
            if (sweep.Axes.Count == 0)
            {
                md.AppendLine("No swept key gives a number per point (a number, or a list whose first element is one), so nothing is drawn across this sweep.");
                md.AppendLine();
            }

            foreach (var metric in Figures.SweepMetrics)
            {
                AppendSweepTable(md, sweep, metric);
            }

            foreach (var figure in figures.Where(f => f.Parent == sweep.Parent))
            {
                // Relative links, as the experiment reports': the report and its figures move together.
                var link = Path.GetRelativePath(Path.GetFullPath(reportDirectory), Path.GetFullPath(figure.File))
                    .Replace(Path.DirectorySeparatorChar, '/')
                    .Replace(" ", "%20", StringComparison.Ordinal);
                md.AppendLine($"![{Path.GetFileNameWithoutExtension(figure.File)}]({link})");
                md.AppendLine();
            }
        }
    }

    /// <summary>Methods × paths (rows, in order of first appearance) × points (columns) for one metric; nothing when no point has it.</summary>
    private static void AppendSweepTable(StringBuilder md, CombinedSweep sweep, string metric)
    {
        var summaries = sweep.Points.SelectMany(p => p.Summary).Where(s => s.Split == StudySplit && s.Metrics.ContainsKey(metric)).ToList();
        if (summaries.Count == 0)
        {
            return;
        }

        md.AppendLine($"`{metric}`:");
        md.AppendLine();
        md.AppendLine("| method | path | " + string.Join(" | ", sweep.Points.Select(p => Cell(sweep.Heading(p)))) + " |");
        md.AppendLine("|---|---|" + string.Concat(sweep.Points.Select(_ => "---:|")));
        foreach (var (method, path) in summaries.Select(s => (s.Method, s.Path)).Distinct())
        {
            var cells = sweep.Points.Select(p =>
            {
                var s = p.Summary.FirstOrDefault(x => x.Method == method && x.Path == path && x.Split == StudySplit);
                if (s is null || !s.Metrics.TryGetValue(metric, out var value))
                {
                    return "—";
                }

                return value.Count > 1 ? Format(value) : Number(value.Mean);
            });
            md.AppendLine($"| {Cell(method)} | {Cell(path)} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
    }
}
