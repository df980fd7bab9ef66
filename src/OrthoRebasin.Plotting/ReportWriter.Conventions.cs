using System.Globalization;
using System.Text;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>The barrier table's flag on a method whose result depends on an arbitrary convention.</summary>
    public const string ConventionFlag = "⚠ convention";

    /// <summary>
    /// The spread an arbitrary convention causes: for each method, path and split with random draws, the canonical
    /// choice's loss barrier next to the mean ± std, minimum and maximum over every seed pair × draw.
    /// </summary>
    private static void AppendConventions(StringBuilder md, ExperimentResults results)
    {
        if (results.ConventionSpread.Count == 0)
        {
            return;
        }

        var canonical = results.Summary.ToDictionary(s => (s.Method, s.Path, s.Split));
        md.AppendLine("## Results that depend on a convention (canonical choice against seeded random draws)");
        md.AppendLine();
        md.AppendLine($"| method | convention | path | split | {CurveMetrics.LossBarrier}, canonical | over draws: mean ± std | min | max | draws × pairs |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var s in results.ConventionSpread)
        {
            var metric = CurveMetrics.LossBarrier;
            var reference = canonical.TryGetValue((s.Method, s.Path, s.Split), out var summary) && summary.Metrics.TryGetValue(metric, out var c) ? Format(c) : "—";
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cell(s.Method)} | {Cell(s.Convention)} | {Cell(s.Path)} | {Cell(s.Split)} | {reference} | {Format(s.Metrics[metric])} | {s.Min[metric]:F3} | {s.Max[metric]:F3} | {s.Draws} × {s.Pairs} |"));
        }

        md.AppendLine();
        md.AppendLine($"{ConventionFlag}: the mathematics leaves these methods a free choice (e.g. the sign of each singular vector), and " +
                      "the barrier moves with it. The barrier table reports the canonical choice (docs/METHODS.md §3); these rows repeat the " +
                      "alignment with seeded random choices, so the number to quote is the spread, not the canonical value alone. " +
                      "results.csv lists every draw (column convention_draw).");
        md.AppendLine();
    }
}
