using OrthoRebasin.Evaluation;
using OrthoRebasin.IO;
using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

/// <summary>
/// The figures of an experiment, drawn from its <see cref="ExperimentResults"/> only. Curves show, per method, the mean
/// over seed pairs with a shaded ± one sample standard deviation band (no band with one pair); bar panels show the
/// mean over seed pairs with ± std error bars. A figure with one panel is <see cref="Width"/>×<see cref="Height"/>, one
/// with a row of panels <see cref="WideWidth"/>×<see cref="WideHeight"/>, one with a grid of panels
/// <see cref="GridWidth"/>×<see cref="GridHeight"/> for two rows and half that height more for every further row (any
/// number of methods or metrics keeps readable panels); every PNG is written atomically.
/// </summary>
public static partial class Figures
{
    public const int Width = 900;
    public const int Height = 600;
    public const int WideWidth = 1500;
    public const int WideHeight = 650;
    public const int GridWidth = 1500;
    public const int GridHeight = 1000;
    public const string FontFamily = "DejaVu Sans";

    /// <summary>
    /// For every (path, split): <c>loss-{path}-{split}.png</c>, <c>accuracy-{path}-{split}.png</c> and
    /// <c>barriers-{path}-{split}.png</c>; for every split with more than one path, <c>paths-{split}.png</c>; then
    /// <c>fidelity.png</c> and, when the results carry alignment diagnostics, <c>layers.png</c> and
    /// <c>singular-vectors.png</c>. Returns the files written, in that order.
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
            {
                written.Add(DrawBarriers(results, path, split, Path.Combine(outputDirectory, "barriers-" + suffix)));
            }
        }
        foreach (var split in results.Curves.Select(c => c.Split).Distinct())
        {
            if (results.Curves.Where(c => c.Split == split).Select(c => c.Path).Distinct().Count() > 1)
            {
                written.Add(DrawPaths(results, split, Path.Combine(outputDirectory, $"paths-{FileSafe(split)}.png")));
            }
        }
        if (results.Fidelity.Count > 0)
        {
            written.Add(DrawFidelity(results, Path.Combine(outputDirectory, "fidelity.png")));
        }

        if (results.Diagnostics.Any(d => d.Layers.Count > 0))
        {
            written.Add(DrawLayers(results, Path.Combine(outputDirectory, "layers.png")));
            written.Add(DrawSingularVectors(results, Path.Combine(outputDirectory, "singular-vectors.png")));
        }
        return written;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        return plot;
    }

    /// <summary>One panel as a plain plot of the single-panel size; several as a row of the wide size or a grid whose height grows with its rows.</summary>
    private static string Save(IReadOnlyList<Plot> panels, string file, int columns)
    {
        if (panels.Count == 0)
        {
            throw new ArgumentException($"Nothing to draw in {file}.");
        }

        if (panels.Count == 1)
        {
            AtomicFile.WriteAllBytes(file, panels[0].GetImageBytes(Width, Height, ImageFormat.Png));
            return file;
        }
        columns = Math.Clamp(columns, 1, panels.Count);
        var rows = (panels.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        foreach (var existing in multiplot.GetPlots())
        {
            multiplot.RemovePlot(existing);
        }

        foreach (var panel in panels)
        {
            multiplot.AddPlot(panel);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: rows, columns: columns);
        // Panels keep the size of a 2-row grid however many metrics (rows) there are.
        var (width, height) = rows == 1 ? (WideWidth, WideHeight) : (GridWidth, GridHeight * Math.Max(rows, 2) / 2);
        using var image = multiplot.Render(width, height);
        AtomicFile.WriteAllBytes(file, image.GetImageBytes(ImageFormat.Png, 100));
        return file;
    }

    /// <summary>One tick per method at 0..n−1; labels rotated once there are too many to sit side by side.</summary>
    private static void MethodTicks(Plot plot, IReadOnlyList<string> methods)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, methods.Count).Select(i => (double)i).ToArray(), methods.ToArray());
        if (methods.Count > 3)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
            // Room for the longest id (procrustes-weight-layerwise) written at an angle.
            plot.Axes.Bottom.MinimumSize = 5.5f * methods.Max(m => m.Length);
        }
    }

    /// <summary>The registered curve metrics every summary has, in registration order, then any others results carry (from a metric registered by the code that wrote them).</summary>
    internal static IReadOnlyList<CurveMetric> MetricsOf(IReadOnlyList<BarrierSummary> summaries)
    {
        var names = summaries.Count == 0 ? [] : summaries.Select(s => s.Metrics.Keys).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var registered = CurveMetrics.Registry.Entries.Where(m => names.Contains(m.Id)).ToList();
        return [.. registered, .. names.Except(registered.Select(m => m.Id)).Order(StringComparer.Ordinal).Select(n => new CurveMetric(n, n, _ => double.NaN))];
    }

    private static string FileSafe(string id) =>
        new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
