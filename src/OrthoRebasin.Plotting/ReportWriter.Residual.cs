using System.Globalization;
using System.Text;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>The method that rotates the residual stream; every other method on the residual MLP is permutations only.</summary>
    private const string StreamRotation = "residual-procrustes";

    /// <summary>
    /// A residual-MLP experiment beside the plain MLP on the same data: the barriers of both (test split, linear and
    /// slerp), then what they say: how far permutations and the rotation of the stream lower the barrier, and why.
    /// </summary>
    private static void AppendPlainMlpComparison(StringBuilder md, ExperimentResults results, PlainMlpComparison comparison)
    {
        md.AppendLine($"## Residual MLP against the plain MLP (`{Cell(comparison.ExperimentId)}`, same data set; {StudySplit} split, mean ± std over seed pairs)");
        md.AppendLine();
        if (comparison.Results is not { } mlp)
        {
            md.AppendLine($"Not compared: the artifacts hold no results of `{Cell(comparison.ExperimentId)}` yet. Run " +
                          $"`orthorebasin run -e {comparison.ExperimentId}`, then `orthorebasin report -e {results.ExperimentId}`.");
            md.AppendLine();
            AppendResidualReading(md, results, null);
            return;
        }

        md.AppendLine("| model | method | linear loss_barrier | linear loss_barrier_vs_original | slerp loss_barrier | linear acc_barrier | prediction agreement of B' |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var run in new[] { results, mlp })
        {
            foreach (var method in run.Summary.Where(s => s.Split == StudySplit).Select(s => s.Method).Distinct())
            {
                var linear = Summary(run, method, "linear");
                var slerp = Summary(run, method, "slerp");
                var agreement = run.Fidelity.Where(f => f.Method == method).Select(f => f.PredictionAgreement).DefaultIfEmpty(double.NaN).Min();
                md.AppendLine($"| {Cell(run.Model)} | {Cell(method)} | {Cell(linear?[CurveMetrics.LossBarrier])} | {Cell(linear?[CurveMetrics.LossBarrierVsOriginal])} | " +
                              $"{Cell(slerp?[CurveMetrics.LossBarrier])} | {Cell(linear?[CurveMetrics.AccBarrier])} | {(double.IsNaN(agreement) ? "—" : Number(agreement))} |");
            }
        }
        md.AppendLine();
        md.AppendLine("Prediction agreement is the smallest over seed pairs. On the plain MLP the orthogonal methods change B's function " +
                      "(agreement below 1), so only `loss_barrier_vs_original` charges them for it; on the residual MLP every method is exact.");
        md.AppendLine();
        AppendResidualReading(md, results, mlp);
    }

    /// <summary>The measured barriers in words: identity, the best permutation-only method, the rotation of the stream.</summary>
    private static void AppendResidualReading(StringBuilder md, ExperimentResults results, ExperimentResults? mlp)
    {
        var identity = Summary(results, StudyTable.Reference, StudyPath);
        var rotation = Summary(results, StreamRotation, StudyPath);
        var permutation = results.Summary
            .Where(s => s.Split == StudySplit && s.Path == StudyPath && s.Method != StudyTable.Reference && s.Method != StreamRotation)
            .MinBy(s => s[CurveMetrics.LossBarrier].Mean);
        if (identity is null || rotation is null || permutation is null)
        {
            return;
        }

        md.AppendLine("### Reading the barriers");
        md.AppendLine();
        md.AppendLine($"On the residual MLP ({StudyPath} path): identity {Format(identity[CurveMetrics.LossBarrier])}, the best permutation-only method " +
                      $"(`{Cell(permutation.Method)}`) {Format(permutation[CurveMetrics.LossBarrier])}, and the rotation of the stream plus permutations " +
                      $"(`{StreamRotation}`) {Format(rotation[CurveMetrics.LossBarrier])}. " + Verdict(identity, permutation, rotation));
        md.AppendLine();
        if (rotation.EndpointMaxima > 0)
        {
            md.AppendLine($"`{StreamRotation}` is flagged {EndpointFlag}: its path lies on or under the chord for {rotation.EndpointMaxima} of " +
                          $"{rotation.Pairs} seed pair(s). Its B' is B exactly (fidelity table), so this is not a damaged endpoint: the " +
                          $"interpolated models are as good as the endpoints or better. `loss_barrier_mean` ({Format(rotation[CurveMetrics.LossBarrierMean])}) " +
                          "bounds how far the path rises above the endpoints' mean loss; check the training logs before reading it as more than that " +
                          "(an over-fitted recipe gives the same flag).");
            md.AppendLine();
        }
        md.AppendLine("Why: the embedding writes the stream through a linear map and every reader of the stream (blocks, head) sees it through " +
                      "RMSNorm without gain and a linear map, so nothing in the function fixes the stream's basis: two independent runs hold their " +
                      "features in bases that differ by a general rotation (only training, e.g. Adam's per-coordinate steps, can make some " +
                      "coordinates special, and that is all a permutation of the stream can use). A permutation matches coordinates one to one; " +
                      "`residual-procrustes` fits the rotation itself, and because rms(Qh) = Q rms(h) the aligned B' is still exactly B " +
                      "(see the fidelity table), so its barrier is not bought by damaging B. The blocks' hidden units keep a basis fixed by " +
                      "relu, where permutations are the right group.");
        md.AppendLine();
        if (mlp is not null && Summary(mlp, StudyTable.Reference, StudyPath) is { } mlpIdentity)
        {
            var mlpPermutation = new[] { "weight-matching", "activation-matching" }
                .Select(m => Summary(mlp, m, StudyPath)).OfType<BarrierSummary>().MinBy(s => s[CurveMetrics.LossBarrier].Mean);
            md.AppendLine($"On the plain MLP of the same data: identity {Format(mlpIdentity[CurveMetrics.LossBarrier])}" +
                          (mlpPermutation is null ? "." : $", best permutation method (`{mlpPermutation.Method}`) {Format(mlpPermutation[CurveMetrics.LossBarrier])}.") +
                          " There the hidden layers are the only place to transform, relu fixes their basis, and an orthogonal transform changes the function.");
            md.AppendLine();
        }
    }

    private static string Verdict(BarrierSummary identity, BarrierSummary permutation, BarrierSummary rotation)
    {
        string Share(BarrierSummary s) => identity[CurveMetrics.LossBarrier].Mean > 0
            ? (100 * (1 - s[CurveMetrics.LossBarrier].Mean / identity[CurveMetrics.LossBarrier].Mean)).ToString("F0", CultureInfo.InvariantCulture) + "%"
            : "—";
        return rotation[CurveMetrics.LossBarrier].Mean < permutation[CurveMetrics.LossBarrier].Mean
            ? $"Permutations remove {Share(permutation)} of identity's barrier; rotating the stream as well removes {Share(rotation)}."
            : $"Here rotating the stream does not beat permutations alone ({Share(rotation)} of identity's barrier removed against {Share(permutation)}).";
    }

    private static BarrierSummary? Summary(ExperimentResults results, string method, string path) =>
        results.Summary.FirstOrDefault(s => s.Method == method && s.Path == path && s.Split == StudySplit);

    private static string Cell(MeanStd? value) => value is null ? "—" : Format(value);
}
