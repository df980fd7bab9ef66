using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

public static partial class Figures
{
    /// <summary>
    /// Per layer (every weight matrix), A against aligned B': the mean top-k |cos| of the left singular vectors and the
    /// cosine of the weights, one line per method (mean over seed pairs), and A against the original B dashed in black
    /// for reference. Returns <paramref name="file"/>.
    /// </summary>
    public static string DrawLayers(ExperimentResults results, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var parameters = Parameters(results);
        var k = results.Diagnostics.SelectMany(d => d.Layers).Select(l => l.TopK).DefaultIfEmpty(0).Max();
        var panels = new[]
        {
            LayerPanel(results, parameters, l => l.SingularVectorCosineAfter, l => l.SingularVectorCosineBefore,
                $"top-{k} left singular vectors: mean |cos(u_i^A, u_i^B')|"),
            LayerPanel(results, parameters, l => l.WeightCosineAfter, l => l.WeightCosineBefore, "weights: cos(W^A, W^B')"),
        };
        return Save(panels, file, columns: 2);
    }

    /// <summary>
    /// The study's Figure 1: per layer, |cos(u_i^A, u_i^B')| against the index i of the singular vector (descending
    /// singular values), one line per method, mean over seed pairs. Returns <paramref name="file"/>.
    /// </summary>
    public static string DrawSingularVectors(ExperimentResults results, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var panels = new List<Plot>();
        foreach (var parameter in Parameters(results))
        {
            var plot = NewPlot();
            foreach (var method in results.Diagnostics.GroupBy(d => d.Method))
            {
                var curves = method.SelectMany(d => d.Layers.Where(l => l.Parameter == parameter)).Select(l => l.SingularVectorCosines).ToList();
                if (curves.Count == 0)
                {
                    continue;
                }

                var length = curves.Min(c => c.Count);
                var xs = Enumerable.Range(1, length).Select(i => (double)i).ToArray();
                var mean = xs.Select((_, i) => curves.Average(c => c[i])).ToArray();
                var line = plot.Add.Scatter(xs, mean, MethodColors.For(method.Key));
                line.LineWidth = 2f;
                line.MarkerSize = 5;
                line.LegendText = method.Key;
            }
            plot.Title($"{parameter}: |cos(u_i^A, u_i^B')|", size: 13);
            plot.XLabel("i (singular vectors by descending singular value)", size: 11);
            plot.YLabel("|cos|", size: 11);
            plot.Axes.SetLimitsY(0, 1.05);
            var k = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(p => p.Data.GetScatterPoints().Count).DefaultIfEmpty(0).Max();
            plot.Axes.Bottom.SetTicks(
                Enumerable.Range(1, k).Select(i => (double)i).ToArray(),
                Enumerable.Range(1, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            // One legend is enough: every panel has the same methods in the same colours.
            if (panels.Count == 0)
            {
                plot.ShowLegend(ScottPlot.Alignment.UpperRight);
                plot.Legend.FontSize = 10;
            }
            else
            {
                plot.HideLegend();
            }
            panels.Add(plot);
        }
        return Save(panels, file, columns: panels.Count <= 2 ? panels.Count : 2);
    }

    private static Plot LayerPanel(
        ExperimentResults results, IReadOnlyList<string> parameters,
        Func<LayerSimilarity, double> after, Func<LayerSimilarity, double> before, string title)
    {
        var plot = NewPlot();
        var xs = Enumerable.Range(0, parameters.Count).Select(i => (double)i).ToArray();
        double[] MeanPerLayer(IEnumerable<AlignmentDiagnostics> diagnostics, Func<LayerSimilarity, double> value) =>
            parameters.Select(p => diagnostics.SelectMany(d => d.Layers.Where(l => l.Parameter == p)).Select(value).DefaultIfEmpty(double.NaN).Average()).ToArray();

        foreach (var method in results.Diagnostics.GroupBy(d => d.Method))
        {
            var line = plot.Add.Scatter(xs, MeanPerLayer(method, after), MethodColors.For(method.Key));
            line.LineWidth = 2f;
            line.MarkerSize = 7;
            line.LegendText = method.Key;
        }
        // B before alignment is the same model whatever the method: one reference line.
        var reference = plot.Add.Scatter(xs, MeanPerLayer(results.Diagnostics, before), Colors.Black);
        reference.LineWidth = 1.5f;
        reference.LinePattern = LinePattern.Dashed;
        reference.MarkerSize = 0;
        reference.LegendText = "A vs B (before alignment)";

        plot.Axes.Bottom.SetTicks(xs, parameters.ToArray());
        plot.Title(title, size: 13);
        plot.YLabel("cosine", size: 12);
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 10;
        return plot;
    }

    /// <summary>The weight matrices in parameter order, as the first alignment lists them.</summary>
    private static IReadOnlyList<string> Parameters(ExperimentResults results) =>
        results.Diagnostics.SelectMany(d => d.Layers).Select(l => l.Parameter).Distinct().ToList();
}
