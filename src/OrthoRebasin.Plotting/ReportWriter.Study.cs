using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>The summaries the study is compared with: test split, linear path.</summary>
    public const string StudySplit = "test";

    public const string StudyPath = "linear";

    private static readonly (string Name, Func<BarrierSummary, MeanStd> Value)[] StudyBarriers =
    [
        ("loss_barrier", s => s.LossBarrier),
        ("loss_barrier_mean", s => s.LossBarrierMean),
        ("loss_barrier_vs_original", s => s.LossBarrierVsOriginal),
    ];

    /// <summary>
    /// This experiment's barriers next to the study's (<see cref="StudyTable"/>): for each method and each loss-barrier
    /// definition, whether it raises (↑) or lowers (↓) the barrier relative to identity, here and in the study, and
    /// whether the two directions agree.
    /// </summary>
    private static void AppendStudyComparison(StringBuilder md, ExperimentResults results)
    {
        md.AppendLine($"## Comparison with the study (METHODS.md §6; {StudySplit} split, {StudyPath} path, mean ± std over seed pairs)");
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

        var studyReference = StudyTable.LossBarrier(StudyTable.Reference)!.Value;
        md.AppendLine("| method | study loss barrier | study | " +
                      string.Join(" | ", StudyBarriers.Select(b => $"{b.Name} | here | agrees")) + " | verdict |");
        md.AppendLine("|---|---:|:---:|" + string.Concat(StudyBarriers.Select(_ => "---:|:---:|:---:|")) + "---|");
        // Describe() starts with the catalog id of the model (e.g. "residual-mlp 64-128x3(block 128)-10").
        var model = results.Model.Split(' ')[0];
        var methods = StudyTable.LossBarriers.Select(e => e.Key)
            .Concat(summaries.Select(s => s.Method))
            .Distinct()
            .ToList();
        foreach (var method in methods)
        {
            var study = StudyTable.LossBarrier(method);
            var summary = summaries.FirstOrDefault(s => s.Method == method);
            var studyDirection = study is null ? (int?)null : StudyTable.Direction(study.Value, studyReference);
            var row = new StringBuilder($"| {Cell(method)} | {(study is null ? "—" : study.Value.ToString("F2", CultureInfo.InvariantCulture))} | " +
                                        $"{Arrow(method, studyDirection)} |");
            foreach (var (_, value) in StudyBarriers)
            {
                if (summary is null)
                {
                    row.Append(Catalog.WhyUnsupported(method, model) is null ? " not run | | |" : $" not applicable to {Cell(model)} | | |");
                    continue;
                }
                var here = StudyTable.Direction(value(summary).Mean, value(reference).Mean);
                var agrees = method == StudyTable.Reference || studyDirection is null ? "—" : here == studyDirection ? "yes" : "**no**";
                row.Append($" {Format(value(summary))} | {Arrow(method, here)} | {agrees} |");
            }
            row.Append($" {Verdict(method, model, summary, reference)} |");
            md.AppendLine(row.ToString());
        }
        md.AppendLine();
        md.AppendLine($"Verdict: the direction relative to identity under `{VerdictBarrier}`, the definition that charges the path " +
                      "for the damage an orthogonal transform does to B (METHODS.md §5: the study's orthogonal numbers are only " +
                      "reachable with such a definition); for exact symmetries it equals `loss_barrier`.");
        md.AppendLine();
    }

    /// <summary>The barrier definition the per-method verdict is taken from.</summary>
    public const string VerdictBarrier = "loss_barrier_vs_original";

    /// <summary>
    /// "same as the study" or "opposite to the study" when the study reports the method; for methods it does not
    /// report (the permutation baselines), whether they lower or raise the barrier.
    /// </summary>
    private static string Verdict(string method, string model, BarrierSummary? summary, BarrierSummary reference)
    {
        if (method == StudyTable.Reference)
            return "reference";
        if (summary is null)
            return Catalog.WhyUnsupported(method, model) is null ? "not run" : "not applicable";
        var here = VerdictDirection(summary, reference);
        var study = StudyTable.LossBarrier(method);
        if (study is null)
            return here < 0 ? "lowers the barrier (not in the study)" : "does not lower the barrier (not in the study)";
        var studyDirection = StudyTable.Direction(study.Value, StudyTable.LossBarrier(StudyTable.Reference)!.Value);
        return here == studyDirection ? "same as the study" : "**opposite to the study**";
    }

    /// <summary>+1 when the method raises <see cref="VerdictBarrier"/> above identity's, −1 when it lowers it.</summary>
    private static int VerdictDirection(BarrierSummary summary, BarrierSummary reference) =>
        StudyTable.Direction(summary.LossBarrierVsOriginal.Mean, reference.LossBarrierVsOriginal.Mean);

    private static string Arrow(string method, int? direction) =>
        method == StudyTable.Reference ? "ref" : direction switch
        {
            null => "—",
            > 0 => "↑",
            < 0 => "↓",
            _ => "=",
        };
}
