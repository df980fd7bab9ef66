using System.Globalization;
using System.Text;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>The entries of the registry that name this experiment, published beside measured with a verdict.</summary>
    private static void AppendPublished(StringBuilder md, ExperimentResults results, PublishedNumbers published)
    {
        var entries = published.For(results.ExperimentId);
        if (entries.Count == 0)
        {
            return;
        }

        md.AppendLine("## Published numbers (published.yaml; docs/METHODS.md §5)");
        md.AppendLine();
        AppendComparisons(md, published, PublishedComparison.CompareAll(published, entries, id => id == results.ExperimentId ? results : null), withExperiment: false);
    }

    /// <summary>Every registry entry whose experiment is among the combined results, or all of them, marked when not run.</summary>
    private static void AppendPublishedCombined(StringBuilder md, IReadOnlyList<ExperimentResults> experiments, PublishedNumbers published)
    {
        if (published.Entries.Count == 0)
        {
            return;
        }

        var byId = experiments.ToDictionary(e => e.ExperimentId, StringComparer.Ordinal);
        var comparisons = PublishedComparison.CompareAll(published, published.Entries, byId.GetValueOrDefault);
        md.AppendLine("## Published numbers beside measured (published.yaml; docs/METHODS.md §5)");
        md.AppendLine();
        var counts = comparisons.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {PublishedComparison.Describe(g.Key)}");
        md.AppendLine($"{comparisons.Count} entries: {string.Join(", ", counts)}.");
        md.AppendLine();
        var measured = comparisons.Where(c => c.Verdict != PublishedVerdict.NotMeasured).ToList();
        if (measured.Count > 0)
        {
            AppendComparisons(md, published, measured, withExperiment: true);
        }

        var missing = comparisons.Where(c => c.Verdict == PublishedVerdict.NotMeasured).Select(c => c.Entry.Experiment).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            md.AppendLine($"Not measured here (no results of these experiments among the combined ones): {string.Join(", ", missing.Select(m => $"`{Cell(m)}`"))}.");
            md.AppendLine();
        }
    }

    private static void AppendComparisons(StringBuilder md, PublishedNumbers published, IReadOnlyList<Comparison> comparisons, bool withExperiment)
    {
        md.AppendLine((withExperiment ? "| experiment " : "") + "| method | path | split | metric | published | measured | verdict | why | source |");
        md.AppendLine((withExperiment ? "|---" : "") + "|---|---|---|---|---:|---:|---|---|---|");
        foreach (var c in comparisons)
        {
            var e = c.Entry;
            var publishedCell = e.Uncertainty is { } u
                ? string.Create(CultureInfo.InvariantCulture, $"{e.Value:G4} ± {u:G3}")
                : string.Create(CultureInfo.InvariantCulture, $"{e.Value:G4}");
            var measuredCell = c.Measured is { } m ? $"{Format(m)} (n={m.Count})" : "—";
            var verdict = c.Verdict == PublishedVerdict.DoesNotReproduce ? $"**{PublishedComparison.Describe(c.Verdict)}**" : PublishedComparison.Describe(c.Verdict);
            md.AppendLine((withExperiment ? $"| {Cell(e.Experiment)} " : "") +
                          $"| {Cell(e.Method)} | {Cell(e.Path)} | {Cell(e.Split)} | {Cell(e.Metric)} | {publishedCell} | {measuredCell} | {verdict} | {Cell(c.Why)} | {Cell(e.Source)}: {Cell(e.Where)} |");
        }

        md.AppendLine();
        foreach (var source in comparisons.Select(c => c.Entry.Source).Distinct(StringComparer.Ordinal))
        {
            var s = published.Sources[source];
            md.AppendLine($"- `{source}`: {s.Cite}" + (s.Code is null ? "" : $" (code: {s.Code})"));
        }

        foreach (var differences in comparisons.Select(c => c.Entry.Differences).Distinct(StringComparer.Ordinal))
        {
            var ids = comparisons.Where(c => c.Entry.Differences == differences).Select(c => c.Entry.Source).Distinct(StringComparer.Ordinal);
            md.AppendLine($"- How the setups differ ({string.Join(", ", ids)}): {differences}");
        }

        md.AppendLine();
        md.AppendLine("Verdict: *agrees* when |measured − published| ≤ the published uncertainty (0 when none is stated) + the measured std over " +
                      "seed pairs; else *same direction* when the difference to the entry it is compared with has the published sign; else *does not reproduce*.");
        md.AppendLine();
    }
}
