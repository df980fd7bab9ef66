using OrthoRebasin.Results;
using ScottPlot;

namespace OrthoRebasin.Plotting;

public static partial class Figures
{
    private static readonly (string Title, Func<FidelityResult, double> Value, string Unit)[] FidelityPanels =
    [
        ("ΔAcc = Acc(B') − Acc(B)", f => f.DeltaAccuracy, "accuracy"),
        ("prediction agreement of B' with B", f => f.PredictionAgreement, "fraction of equal argmax"),
        ("ΔL = L(B') − L(B)", f => f.DeltaLoss, "loss (nats)"),
    ];

    /// <summary>Every curve metric of the results (docs/METHODS.md §5) as bar panels, two a row, one bar per method. Returns <paramref name="file"/>.</summary>
    public static string DrawBarriers(ExperimentResults results, string path, string split, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var summaries = results.Summary.Where(s => s.Path == path && s.Split == split).ToList();
        var panels = MetricsOf(summaries)
            .Select(m => BarPanel(
                summaries.Select(s => (s.Method, s[m.Id].Mean, s[m.Id].Std)).ToList(),
                $"{m.Id} · {path} · {split}", m.Unit))
            .ToList();
        return Save(panels, file, columns: 2);
    }

    /// <summary>
    /// How far B' is from B as a function, per method (mean ± std over seed pairs, test split): ΔAcc, prediction
    /// agreement and ΔL, side by side. Exact symmetries sit at 0, 1 and 0. Returns <paramref name="file"/>.
    /// </summary>
    public static string DrawFidelity(ExperimentResults results, string file)
    {
        ArgumentNullException.ThrowIfNull(results);
        FontCheck.Require(FontFamily);
        var methods = results.Fidelity.GroupBy(f => f.Method).ToList();
        var panels = FidelityPanels
            .Select(p => BarPanel(
                methods.Select(g =>
                {
                    var summary = MeanStd.Of(g.Select(p.Value).ToList());
                    return (g.Key, summary.Mean, summary.Std);
                }).ToList(),
                p.Title, p.Unit))
            .ToList();
        return Save(panels, file, columns: panels.Count);
    }

    private static Plot BarPanel(IReadOnlyList<(string Method, double Mean, double Std)> values, string title, string unit)
    {
        var plot = NewPlot();
        var bars = values.Select((v, i) => new Bar
        {
            Position = i,
            Value = v.Mean,
            Error = v.Std,
            FillColor = MethodColors.For(v.Method),
            // One line style draws both the outline and the ± std error bar.
            LineColor = Colors.Black,
            LineWidth = 1.5f,
        }).ToList();
        plot.Add.Bars(bars);
        MethodTicks(plot, values.Select(v => v.Method).ToList());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title, size: 13);
        plot.YLabel(unit, size: 12);
        return plot;
    }
}
