using System.Globalization;
using System.Text;
using OrthoRebasin.Evaluation;
using OrthoRebasin.IO;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>
    /// One report across experiments (the nightly gathering job's, or <c>orthorebasin combine</c>'s): what each
    /// experiment trained, every method's barrier side by side (test split, mean ± std over seed pairs), and each
    /// method's direction relative to identity next to the study's, then the sweeps among them with their figures
    /// (<paramref name="sweepFigures"/>, linked relative to <paramref name="reportDirectory"/>). Experiments appear in the
    /// order given.
    /// </summary>
    public static string RenderCombined(IReadOnlyList<ExperimentResults> experiments, PublishedNumbers? published = null, IReadOnlyList<SweepFigure>? sweepFigures = null, string reportDirectory = ".")
    {
        ArgumentNullException.ThrowIfNull(experiments);
        published ??= PublishedNumbers.Empty;
        var md = new StringBuilder();
        md.AppendLine("# OrthoRebasin: combined report");
        md.AppendLine();
        if (experiments.Count == 0)
        {
            md.AppendLine("No results found.");
            return md.ToString();
        }

        AppendExperimentTable(md, experiments);
        foreach (var path in experiments.SelectMany(e => e.Summary).Select(s => s.Path).Distinct(StringComparer.Ordinal))
        {
            AppendBarrierGrid(md, experiments, VerdictBarrier, path, s => s[CurveMetrics.LossBarrierVsOriginal], flagEndpoints: false);
            AppendBarrierGrid(md, experiments, "loss_barrier", path, s => s[CurveMetrics.LossBarrier], flagEndpoints: true);
        }
        AppendPublishedCombined(md, experiments, published);
        AppendStudyDirections(md, experiments, StudyTable.From(published));
        AppendSweeps(md, experiments, sweepFigures ?? [], reportDirectory);
        return md.ToString();
    }

    /// <summary>Draws the figures across sweeps beside <paramref name="reportPath"/> and writes <see cref="RenderCombined"/> to it, atomically.</summary>
    public static void WriteCombined(IReadOnlyList<ExperimentResults> experiments, string reportPath, PublishedNumbers? published = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        var sweepFigures = Figures.DrawSweeps(experiments, directory);
        AtomicFile.WriteAllBytes(reportPath, new UTF8Encoding(false).GetBytes(RenderCombined(experiments, published, sweepFigures, directory)));
    }

    private static void AppendExperimentTable(StringBuilder md, IReadOnlyList<ExperimentResults> experiments)
    {
        md.AppendLine("## Experiments");
        md.AppendLine();
        md.AppendLine("| experiment | dataset | model | seed pairs | λ | endpoint test accuracy | kept epoch / epochs run | endpoint maxima | commit |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|---:|---|");
        foreach (var e in experiments)
        {
            var pairs = e.Curves.Select(c => c.Pair).Distinct().Count();
            var accuracy = e.Training.Count > 0 ? Format(MeanStd.Of(e.Training.Select(t => t.TestAccuracy).ToList())) : "—";
            var epochs = e.Training.Count > 0 ? string.Join(", ", e.Training.Select(t => $"{t.KeptEpoch}/{t.EpochsRun}")) : "—";
            var flagged = e.Summary.Sum(s => s.EndpointMaxima);
            var curves = e.Summary.Sum(s => s.Pairs);
            var commit = e.Provenance.GitCommit.Length > 12 ? e.Provenance.GitCommit[..12] : e.Provenance.GitCommit;
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cell(e.ExperimentId)} | {Cell(e.Dataset)} | {Cell(e.Model)} | {pairs} | {e.Lambdas.Count} | {accuracy} | {epochs} | {flagged}/{curves} | `{commit}` |"));
        }
        md.AppendLine();
        md.AppendLine("Endpoint maxima: curves whose loss-barrier maximum sits at λ = 0 or 1 (docs/METHODS.md §5; each experiment's report says which).");
        md.AppendLine();
    }

    /// <summary>
    /// Methods (rows, in order of first appearance) × experiments (columns) for one barrier on the test split; a single
    /// seed pair shows its value alone. With <paramref name="flagEndpoints"/>, ⚠ marks a maximum at an endpoint.
    /// </summary>
    private static void AppendBarrierGrid(StringBuilder md, IReadOnlyList<ExperimentResults> experiments, string barrier, string path, Func<BarrierSummary, MeanStd> value, bool flagEndpoints)
    {
        md.AppendLine($"## `{barrier}`, {Cell(path)} path ({StudySplit} split, mean ± std over seed pairs)");
        md.AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", experiments.Select(e => Cell(e.ExperimentId))) + " |");
        md.AppendLine("|---|" + string.Concat(experiments.Select(_ => "---:|")));
        var methods = experiments.SelectMany(e => e.Summary).Select(s => s.Method).Distinct(StringComparer.Ordinal).ToList();
        foreach (var method in methods)
        {
            var cells = experiments.Select(e =>
            {
                var s = e.Summary.FirstOrDefault(x => x.Method == method && x.Path == path && x.Split == StudySplit);
                if (s is null)
                {
                    return "—";
                }

                var number = value(s).Count > 1 ? Format(value(s)) : Number(value(s).Mean);
                return number + (flagEndpoints && s.EndpointMaxima > 0 ? " ⚠" : "");
            });
            md.AppendLine($"| {Cell(method)} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
        if (flagEndpoints)
        {
            md.AppendLine($"⚠: for at least one seed pair the maximum sits at λ = 0 or 1, where `loss_barrier` is 0 by construction; `{VerdictBarrier}` above tells an over-fitted recipe from a damaged B'.");
            md.AppendLine();
        }
    }

    /// <summary>For each method the study reports: its direction relative to identity in the study and in each experiment.</summary>
    private static void AppendStudyDirections(StringBuilder md, IReadOnlyList<ExperimentResults> experiments, StudyTable table)
    {
        if (!table.IsComparable)
        {
            return;
        }

        md.AppendLine($"## Direction relative to identity, against the study ({StudySplit} split, {StudyPath} path, `{VerdictBarrier}`)");
        md.AppendLine();
        md.AppendLine($"The study measured {StudyTable.Setting}. A cell reads ↑/↓ (raises/lowers the barrier relative to identity here) " +
                      "and whether that is the study's direction.");
        md.AppendLine();
        md.AppendLine("| method | study | " + string.Join(" | ", experiments.Select(e => Cell(e.ExperimentId))) + " |");
        md.AppendLine("|---|---:|" + string.Concat(experiments.Select(_ => ":---:|")));
        var studyReference = table.LossBarrier(StudyTable.Reference)!.Value;
        foreach (var (method, study) in table.LossBarriers.Where(e => e.Key != StudyTable.Reference))
        {
            var studyDirection = StudyTable.Direction(study, studyReference);
            var cells = experiments.Select(e =>
            {
                var summaries = e.Summary.Where(s => s.Split == StudySplit && s.Path == StudyPath).ToList();
                var reference = summaries.FirstOrDefault(s => s.Method == StudyTable.Reference);
                var summary = summaries.FirstOrDefault(s => s.Method == method);
                if (reference is null || summary is null)
                {
                    return "—";
                }

                var here = VerdictDirection(summary, reference);
                return $"{Arrow(method, here)} {(here == studyDirection ? "same" : "**opposite**")}";
            });
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cell(method)} | {study:F2} {Arrow(method, studyDirection)} | {string.Join(" | ", cells)} |"));
        }
        md.AppendLine();
    }
}
