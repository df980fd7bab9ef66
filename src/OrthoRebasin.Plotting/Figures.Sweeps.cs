using System.Globalization;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

/// <summary>A figure across a sweep: the sweep's parent entry, the key on its x axis, the metric, the other keys' values it holds fixed, and its file.</summary>
public sealed record SweepFigure(string Parent, string Key, string Metric, string Group, string File);

public static partial class Figures
{
    /// <summary>The metrics drawn across a sweep: the primary barrier, and the midpoint accuracy drop when the λ grid has λ = ½.</summary>
    internal static readonly string[] SweepMetrics = [CurveMetrics.LossBarrier, CurveMetrics.AccMid];

    /// <summary>
    /// Figures across the sweeps among combined results, for the combined report only: for each sweep with at least two
    /// points among <paramref name="experiments"/>, each swept key whose values give a number per point
    /// (<see cref="SweepValue.NumberOf"/>), and each group of points sharing the other keys' values (at least two points),
    /// <c>sweep-{parent}-{metric}[-by-{key}][-{key}-{value}…].png</c> in <paramref name="outputDirectory"/> for
    /// <c>loss_barrier</c> and, when the results have it, <c>acc_mid</c> (test split): the metric against the key, one
    /// line per method (mean ± std over seed pairs as error bars), one panel per path. <c>-by-{key}</c> appears when
    /// more than one key gives numbers. Returns the figures written, in that order; none without sweeps.
    /// </summary>
    public static IReadOnlyList<SweepFigure> DrawSweeps(IReadOnlyList<ExperimentResults> experiments, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var figures = new List<SweepFigure>();
        foreach (var sweep in CombinedSweep.Of(experiments).Where(s => s.Points.Count >= 2))
        {
            var axes = sweep.Axes;
            foreach (var axis in axes)
            {
                var by = axes.Count > 1 ? $"-by-{CombinedSweep.Slug(axis.Key.Split('.')[^1])}" : "";
                foreach (var group in sweep.GroupsAlong(axis.Key).Where(g => g.Points.Count >= 2))
                {
                    foreach (var metric in SweepMetrics.Where(m => group.Points.Any(p => p.Summary.Any(s => s.Split == StudySplit && s.Metrics.ContainsKey(m)))))
                    {
                        FontCheck.Require(FontFamily);
                        var file = Path.Combine(outputDirectory, $"sweep-{FileSafe(sweep.Parent)}-{metric}{by}{group.Slug}.png");
                        figures.Add(new SweepFigure(sweep.Parent, axis.Key, metric, group.Label, DrawSweep(sweep, axis, group, metric, file)));
                    }
                }
            }
        }

        return figures;
    }

    /// <summary>The split figures across a sweep are drawn on, as the combined report's barrier grids.</summary>
    private const string StudySplit = ReportWriter.StudySplit;

    private static string DrawSweep(CombinedSweep sweep, SweepAxis axis, SweepGroup group, string metric, string file)
    {
        var summaries = group.Points
            .SelectMany(p => p.Summary
                .Where(s => s.Split == StudySplit && s.Metrics.ContainsKey(metric))
                .Select(s => (X: SweepValue.NumberOf(CombinedSweep.ValueOf(p, axis.Key))!.Value, Summary: s)))
            .ToList();
        var numbers = group.Points.Select(p => SweepValue.NumberOf(CombinedSweep.ValueOf(p, axis.Key))!.Value).Distinct().Order().ToArray();
        double Position(double x) => axis.Log2 ? Math.Log2(x) : x;
        var panels = new List<Plot>();
        foreach (var path in summaries.Select(s => s.Summary.Path).Distinct(StringComparer.Ordinal))
        {
            var plot = NewPlot();
            foreach (var method in summaries.Where(s => s.Summary.Path == path).GroupBy(s => s.Summary.Method, StringComparer.Ordinal))
            {
                var points = method.OrderBy(s => s.X).ToList();
                var xs = points.Select(s => Position(s.X)).ToArray();
                var means = points.Select(s => s.Summary[metric].Mean).ToArray();
                var color = MethodColors.For(method.Key);
                var line = plot.Add.Scatter(xs, means, color);
                line.LineWidth = 2;
                line.MarkerSize = 7;
                line.LegendText = method.Key;
                if (points.Any(s => s.Summary[metric].Count > 1))
                {
                    var errors = plot.Add.ErrorBar(xs, means, points.Select(s => s.Summary[metric].Std).ToArray());
                    errors.LineColor = color;
                    errors.LineWidth = 1.5f;
                }
            }

            plot.Axes.Bottom.SetTicks(
                numbers.Select(Position).ToArray(),
                numbers.Select(n => n.ToString("G6", CultureInfo.InvariantCulture)).ToArray());
            var groupText = group.Label.Length > 0 ? $" · {group.Label}" : "";
            plot.Title($"{sweep.Parent}: {metric} · {path} path{groupText}", size: 13);
            plot.XLabel(axis.Log2 ? $"{axis.Label}, log₂ scale" : axis.Label, size: 12);
            plot.YLabel($"{metric}, {StudySplit} split (mean ± std over seed pairs)", size: 11);
            // Below the axes, not over them: a line at the top of a panel would hide behind it.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 10;
            panels.Add(plot);
        }

        return Save(panels, file, columns: panels.Count <= 3 ? panels.Count : 2);
    }
}
