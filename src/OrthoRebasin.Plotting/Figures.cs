using OrthoRebasin.IO;
using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

/// <summary>
/// The figures of an experiment, drawn from its <see cref="ExperimentResults"/> only. Curves show, per method, the mean
/// over seed pairs with a shaded ± one sample standard deviation band (no band with one pair); barrier panels show the
/// mean over seed pairs with ± std error bars. Every PNG is <see cref="Width"/>×<see cref="Height"/> and written atomically.
/// </summary>
public static class Figures
{
    public const int Width = 900;
    public const int Height = 600;
    public const string FontFamily = "DejaVu Sans";

    private static readonly (string Name, Func<BarrierSummary, MeanStd> Value, string Unit)[] BarrierPanels =
    [
        ("loss_barrier", s => s.LossBarrier, "loss (nats)"),
        ("loss_barrier_mean", s => s.LossBarrierMean, "loss (nats)"),
        ("loss_barrier_vs_original", s => s.LossBarrierVsOriginal, "loss (nats)"),
        ("acc_barrier", s => s.AccBarrier, "accuracy"),
    ];

    /// <summary>
    /// For every (path, split): <c>loss-{path}-{split}.png</c>, <c>accuracy-{path}-{split}.png</c> and
    /// <c>barriers-{path}-{split}.png</c> (2×2 panels). Returns the files written, in that order.
    /// </summary>
    public static IReadOnlyList<string> DrawAll(ExperimentResults results, string outputDirectory) =>
        DrawAll(results, outputDirectory, FontFamily);

    internal static IReadOnlyList<string> DrawAll(ExperimentResults results, string outputDirectory, string fontFamily)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(fontFamily);
        var written = new List<string>();
        var groups = results.Curves.Select(c => (c.Path, c.Split))
            .Concat(results.Summary.Select(s => (s.Path, s.Split)))
            .Distinct();
        foreach (var (path, split) in groups)
        {
            var suffix = $"{FileSafe(path)}-{FileSafe(split)}.png";
            if (results.Curves.Any(c => c.Path == path && c.Split == split))
            {
                written.Add(DrawLoss(results, path, split, Path.Combine(outputDirectory, "loss-" + suffix)));
                written.Add(DrawAccuracy(results, path, split, Path.Combine(outputDirectory, "accuracy-" + suffix)));
            }
            if (results.Summary.Any(s => s.Path == path && s.Split == split))
                written.Add(DrawBarriers(results, path, split, Path.Combine(outputDirectory, "barriers-" + suffix)));
        }
        return written;
    }

    /// <summary>Cross-entropy loss against λ, one line per method. Returns <paramref name="file"/>.</summary>
    public static string DrawLoss(ExperimentResults results, string path, string split, string file) =>
        DrawCurves(results, path, split, file, c => c.Loss, "cross-entropy loss", "loss");

    /// <summary>Accuracy against λ, one line per method. Returns <paramref name="file"/>.</summary>
    public static string DrawAccuracy(ExperimentResults results, string path, string split, string file) =>
        DrawCurves(results, path, split, file, c => c.Accuracy, "accuracy", "accuracy");

    /// <summary>The four barriers of METHODS.md §5 as 2×2 bar panels, one bar per method. Returns <paramref name="file"/>.</summary>
    public static string DrawBarriers(ExperimentResults results, string path, string split, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var summaries = results.Summary.Where(s => s.Path == path && s.Split == split).ToList();
        var multiplot = new Multiplot();
        foreach (var existing in multiplot.GetPlots())
            multiplot.RemovePlot(existing);
        foreach (var (name, value, unit) in BarrierPanels)
            multiplot.AddPlot(BarrierPanel(summaries, $"{name} · {path} · {split}", value, unit));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 2);

        using var image = multiplot.Render(Width, Height);
        AtomicFile.WriteAllBytes(file, image.GetImageBytes(ImageFormat.Png, 100));
        return file;
    }

    private static Plot BarrierPanel(IReadOnlyList<BarrierSummary> summaries, string title, Func<BarrierSummary, MeanStd> value, string unit)
    {
        var plot = NewPlot();
        var bars = summaries.Select((s, i) => new Bar
        {
            Position = i,
            Value = value(s).Mean,
            Error = value(s).Std,
            FillColor = MethodColors.For(s.Method),
            // One line style draws both the outline and the ± std error bar.
            LineColor = Colors.Black,
            LineWidth = 1.5f,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, summaries.Count).Select(i => (double)i).ToArray(),
            summaries.Select(s => s.Method).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title, size: 13);
        plot.YLabel(unit, size: 12);
        return plot;
    }

    private static string DrawCurves(
        ExperimentResults results, string path, string split, string file,
        Func<CurveResult, IReadOnlyList<double>> quantity, string axisLabel, string titleWord)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var lambdas = results.Lambdas.ToArray();
        var plot = NewPlot();
        foreach (var method in results.Curves.Where(c => c.Path == path && c.Split == split).GroupBy(c => c.Method))
        {
            var series = method.Select(c => Checked(quantity(c), lambdas.Length, c)).ToList();
            var mean = new double[lambdas.Length];
            var std = new double[lambdas.Length];
            for (var i = 0; i < lambdas.Length; i++)
            {
                var stats = SampleStats(series.Select(s => s[i]).ToList());
                (mean[i], std[i]) = stats;
            }

            var color = MethodColors.For(method.Key);
            if (series.Count > 1)
            {
                var band = plot.Add.FillY(lambdas, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(lambdas, mean, color);
            line.LineWidth = 2.5f;
            line.MarkerSize = 5;
            line.LegendText = $"{method.Key} (n={series.Count})";
        }

        plot.Title($"{results.ExperimentId}: {split} {titleWord} along the {path} path (mean ± std over seed pairs)", size: 15);
        plot.XLabel("λ  (0 = model A, 1 = aligned model B)", size: 13);
        plot.YLabel(axisLabel, size: 13);
        plot.Axes.SetLimitsX(0, 1);
        plot.ShowLegend(Edge.Bottom);
        AtomicFile.WriteAllBytes(file, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        return file;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        return plot;
    }

    private static IReadOnlyList<double> Checked(IReadOnlyList<double> values, int expected, CurveResult curve) =>
        values.Count == expected
            ? values
            : throw new InvalidDataException(
                $"Curve {curve.Method}/{curve.Path}/{curve.Split}/{curve.Pair} has {values.Count} points for {expected} λ values.");

    private static (double Mean, double Std) SampleStats(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0.0;
        return (mean, std);
    }

    private static string FileSafe(string id) =>
        new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
