using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

public static partial class Figures
{
    private static readonly LinePattern[] PathPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Cross-entropy loss against λ, a panel per method family (<see cref="MethodFamilies"/>). Returns <paramref name="file"/>.</summary>
    public static string DrawLoss(ExperimentResults results, string path, string split, string file) =>
        DrawCurves(results, path, split, file, c => c.Loss, "cross-entropy loss", "loss");

    /// <summary>Accuracy against λ, a panel per method family (<see cref="MethodFamilies"/>). Returns <paramref name="file"/>.</summary>
    public static string DrawAccuracy(ExperimentResults results, string path, string split, string file) =>
        DrawCurves(results, path, split, file, c => c.Accuracy, "accuracy", "accuracy");

    /// <summary>
    /// The paths compared: test loss against λ, one panel per method, one line per path (solid, dashed, dotted in
    /// the method's colour). Returns <paramref name="file"/>.
    /// </summary>
    public static string DrawPaths(ExperimentResults results, string split, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var lambdas = results.Lambdas.ToArray();
        var curves = results.Curves.Where(c => c.Split == split).ToList();
        var paths = curves.Select(c => c.Path).Distinct().ToList();
        var panels = new List<Plot>();
        foreach (var method in curves.GroupBy(c => c.Method))
        {
            var plot = NewPlot();
            AddMeanLines(plot, lambdas, paths
                .Select((path, index) => (Series: method.Where(c => c.Path == path).ToList(), path, index))
                .Where(x => x.Series.Count > 0)
                .Select(x => new MeanLine(x.Series, c => c.Loss, MethodColors.For(method.Key), $"{x.path} (n={x.Series.Count})", PathPatterns[x.index % PathPatterns.Length]))
                .ToList());
            plot.Title(method.Key, size: 13);
            plot.XLabel("λ", size: 11);
            plot.YLabel($"{split} loss", size: 11);
            plot.Axes.SetLimitsX(0, 1);
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            plot.Legend.FontSize = 10;
            panels.Add(plot);
        }
        return Save(panels, file, columns: panels.Count <= 3 ? panels.Count : 4);
    }

    private static string DrawCurves(
        ExperimentResults results, string path, string split, string file,
        Func<CurveResult, IReadOnlyList<double>> quantity, string axisLabel, string titleWord)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var lambdas = results.Lambdas.ToArray();
        var curves = results.Curves.Where(c => c.Path == path && c.Split == split).ToList();
        var families = MethodFamilies.Panels(curves.Select(c => c.Method));
        var panels = new List<Plot>();
        foreach (var (family, methods) in families)
        {
            var plot = NewPlot();
            AddMeanLines(plot, lambdas, methods
                .Select(method => (method, Series: curves.Where(c => c.Method == method).ToList()))
                .Select(x => new MeanLine(x.Series, quantity, MethodColors.For(x.method), $"{x.method} (n={x.Series.Count})", LinePattern.Solid))
                .ToList());
            var title = families.Count == 1
                ? $"{results.ExperimentId}: {split} {titleWord} along the {path} path (mean ± std over seed pairs)"
                : $"{family}: {split} {titleWord}, {path} path";
            plot.Title(title, size: families.Count == 1 ? 15 : 14);
            plot.XLabel("λ  (0 = model A, 1 = aligned model B)", size: 13);
            plot.YLabel(axisLabel, size: 13);
            plot.Axes.SetLimitsX(0, 1);
            plot.ShowLegend(Edge.Bottom);
            panels.Add(plot);
        }
        return Save(panels, file, columns: panels.Count);
    }

    /// <summary>
    /// The mean over seed pairs of each series as a line, with a ± std band when there is more than one pair. Every band
    /// is drawn before any line, so no translucent band tints another method's line.
    /// </summary>
    private static void AddMeanLines(Plot plot, double[] lambdas, IReadOnlyList<MeanLine> lines)
    {
        var stats = lines.Select(l =>
        {
            var values = l.Series.Select(c => Checked(l.Quantity(c), lambdas.Length, c)).ToList();
            var mean = new double[lambdas.Length];
            var std = new double[lambdas.Length];
            for (var i = 0; i < lambdas.Length; i++)
            {
                var summary = MeanStd.Of(values.Select(s => s[i]).ToList());
                (mean[i], std[i]) = (summary.Mean, summary.Std);
            }
            return (Line: l, Mean: mean, Std: std, values.Count);
        }).ToList();
        foreach (var (line, mean, std, count) in stats.Where(s => s.Count > 1))
        {
            var band = plot.Add.FillY(lambdas, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray());
            band.FillColor = line.Color.WithAlpha(0.2);
            band.LineWidth = 0;
        }
        foreach (var (line, mean, _, _) in stats)
        {
            var scatter = plot.Add.Scatter(lambdas, mean, line.Color);
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 5;
            scatter.LinePattern = line.Pattern;
            scatter.LegendText = line.Legend;
        }
    }

    /// <summary>One line of a curve panel: the curves it averages and how it looks.</summary>
    private sealed record MeanLine(IReadOnlyList<CurveResult> Series, Func<CurveResult, IReadOnlyList<double>> Quantity, Color Color, string Legend, LinePattern Pattern);

    private static IReadOnlyList<double> Checked(IReadOnlyList<double> values, int expected, CurveResult curve) =>
        values.Count == expected
            ? values
            : throw new UserErrorException(
                $"Curve {curve.Method}/{curve.Path}/{curve.Split}/{curve.Pair} of results.json has {values.Count} points for {expected} λ values. Run the experiment again to rebuild results.json.");
}
