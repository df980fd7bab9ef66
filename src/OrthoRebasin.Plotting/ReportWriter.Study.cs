using System.Globalization;
using System.Text;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>The summaries the study is compared with: test split, linear path.</summary>
    public const string StudySplit = "test";

    public const string StudyPath = "linear";

    /// <summary>The loss-barrier definitions the study's numbers are set against (it gives none of its own).</summary>
    private static readonly string[] StudyBarriers = [CurveMetrics.LossBarrier, CurveMetrics.LossBarrierMean, CurveMetrics.LossBarrierVsOriginal];

    /// <summary>
    /// This experiment's barriers next to the study's (<see cref="StudyTable"/>): for each method and each loss-barrier
    /// definition, whether it raises (↑) or lowers (↓) the barrier relative to identity, here and in the study, and
    /// whether the two directions agree.
    /// </summary>
    private static void AppendStudyComparison(StringBuilder md, ExperimentResults results, StudyTable table)
    {
        if (!table.IsComparable)
        {
            return;
        }

        md.AppendLine($"## Comparison with the study (docs/METHODS.md §6, published.yaml; {StudySplit} split, {StudyPath} path, mean ± std over seed pairs)");
        md.AppendLine();
        md.AppendLine($"The study's numbers come from {StudyTable.Setting}. This experiment is dataset `{Cell(results.Dataset)}`, " +
                      $"model `{Cell(results.Model)}`: the model and data may differ from the study's, so compare the " +
                      "directions relative to identity (↑ raises, ↓ lowers the barrier), not the digits.");
        md.AppendLine();
        var summaries = results.Summary.Where(s => s.Split == StudySplit && s.Path == StudyPath).ToList();
        var reference = summaries.FirstOrDefault(s => s.Method == StudyTable.Reference);
        if (reference is null)
        {
            md.AppendLine($"Not compared: this experiment has no `{StudyTable.Reference}` on the {StudySplit} split along the {StudyPath} path.");
            md.AppendLine();
            return;
        }

        var studyReference = table.LossBarrier(StudyTable.Reference)!.Value;
        md.AppendLine("| method | study loss barrier | study | " +
                      string.Join(" | ", StudyBarriers.Select(b => $"{b} | here | agrees")) + " | verdict |");
        md.AppendLine("|---|---:|:---:|" + string.Concat(StudyBarriers.Select(_ => "---:|:---:|:---:|")) + "---|");
        var methods = table.LossBarriers.Select(e => e.Key)
            .Concat(summaries.Select(s => s.Method))
            .Distinct()
            .ToList();
        foreach (var method in methods)
        {
            var study = table.LossBarrier(method);
            var summary = summaries.FirstOrDefault(s => s.Method == method);
            var studyDirection = study is null ? (int?)null : StudyTable.Direction(study.Value, studyReference);
            var row = new StringBuilder($"| {Cell(method)} | {(study is null ? "—" : study.Value.ToString("F2", CultureInfo.InvariantCulture))} | " +
                                        $"{Arrow(method, studyDirection)} |");
            foreach (var metric in StudyBarriers)
            {
                if (summary is null)
                {
                    row.Append(NotApplicable(method, results) ? $" not applicable to {Cell(results.Architecture)} | | |" : " not run | | |");
                    continue;
                }
                var here = StudyTable.Direction(summary[metric].Mean, reference[metric].Mean);
                var agrees = method == StudyTable.Reference || studyDirection is null ? "—" : here == studyDirection ? "yes" : "**no**";
                row.Append($" {Format(summary[metric])} | {Arrow(method, here)} | {agrees} |");
            }
            row.Append($" {Verdict(method, results, summary, reference, table)} |");
            md.AppendLine(row.ToString());
        }
        md.AppendLine();
        md.AppendLine($"Verdict: the direction relative to identity under `{VerdictBarrier}`, the definition that charges the path " +
                      "for the damage an orthogonal transform does to B (docs/METHODS.md §5: the study's orthogonal numbers are only " +
                      "reachable with such a definition); for exact symmetries it equals `loss_barrier`.");
        md.AppendLine();
    }

    /// <summary>The barrier definition the per-method verdict is taken from.</summary>
    public const string VerdictBarrier = CurveMetrics.LossBarrierVsOriginal;

    /// <summary>
    /// "same as the study" or "opposite to the study" when the study reports the method; for methods it does not
    /// report (the permutation baselines), whether they lower or raise the barrier.
    /// </summary>
    private static string Verdict(string method, ExperimentResults results, BarrierSummary? summary, BarrierSummary reference, StudyTable table)
    {
        if (method == StudyTable.Reference)
        {
            return "reference";
        }

        if (summary is null)
        {
            return NotApplicable(method, results) ? "not applicable" : "not run";
        }

        var here = VerdictDirection(summary, reference);
        var study = table.LossBarrier(method);
        if (study is null)
        {
            return here < 0 ? "lowers the barrier (not in the study)" : "does not lower the barrier (not in the study)";
        }

        var studyDirection = StudyTable.Direction(study.Value, table.LossBarrier(StudyTable.Reference)!.Value);
        return here == studyDirection ? "same as the study" : "**opposite to the study**";
    }

    /// <summary>+1 when the method raises <see cref="VerdictBarrier"/> above identity's, −1 when it lowers it.</summary>
    private static int VerdictDirection(BarrierSummary summary, BarrierSummary reference) =>
        StudyTable.Direction(summary[CurveMetrics.LossBarrierVsOriginal].Mean, reference[CurveMetrics.LossBarrierVsOriginal].Mean);

    /// <summary>Whether <paramref name="method"/> cannot run on the results' model, by its traits and the model's groups.</summary>
    private static bool NotApplicable(string method, ExperimentResults results) =>
        AlignmentMethods.Registry.Find(method) is { } entry && results.Groups.Count > 0
        && MethodCompatibility.WhyNot(entry, results.Groups, results.Architecture) is not null;

    private static string Arrow(string method, int? direction) =>
        method == StudyTable.Reference ? "ref" : direction switch
        {
            null => "—",
            > 0 => "↑",
            < 0 => "↓",
            _ => "=",
        };
}
