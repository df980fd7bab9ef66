using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>Marks a method that stopped at its iteration cap without meeting its stopping rule for some seed pairs.</summary>
    public const string NotConvergedFlag = "⚠ not converged";

    /// <summary>Marks a method whose alignments predate the convergence record (an iterating group without a trace).</summary>
    public const string ConvergenceNotRecorded = "convergence not recorded";

    /// <summary>
    /// Per method: the method's own diagnostics summed or maximised over its groups, then mean ± std over seed pairs, with
    /// its convergence; and per method × layer the weight and top-k singular-vector cosines of A with B (before) and B' (after).
    /// </summary>
    private static void AppendDiagnostics(StringBuilder md, IReadOnlyList<AlignmentDiagnostics> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            return;
        }

        md.AppendLine("## Alignment diagnostics (mean ± std over seed pairs)");
        md.AppendLine();
        md.AppendLine("Objectives are each method's own (docs/METHODS.md §3), summed over its groups, so they compare runs of one " +
                      "method, not methods. ‖TᵀT − I‖_F is the largest over groups, iterations the most any group took, seconds " +
                      "the whole alignment. Cosines are A against B' averaged over the weight matrices; top-k |cos| is the mean " +
                      "|cos(u_i^A, u_i^B')| over the k leading left singular vectors. Convergence says whether an iterating method met its " +
                      $"stopping rule before its cap (docs/METHODS.md §3), with {NotConvergedFlag} counting the seed pairs where it did not; " +
                      "last change is how much its last iteration moved the objective its stopping rule tests, relative to that objective " +
                      "(compare it with the method's tol), the largest over groups.");
        md.AppendLine();
        md.AppendLine("| method | objective before | objective after | max ‖TᵀT − I‖_F | iterations | last change | convergence | seconds | weight cos | top-k SV \\|cos\\| | n |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var method in diagnostics.GroupBy(d => d.Method))
        {
            var lastChanges = method.Select(LastRelativeChange).OfType<double>().ToList();
            var convergence = ConvergenceMark(method.ToList());
            md.AppendLine($"| {Cell(method.Key)} | {Format(method, d => d.Groups.Sum(g => g.ObjectiveBefore))} | " +
                          $"{Format(method, d => d.Groups.Sum(g => g.ObjectiveAfter))} | " +
                          $"{Format(method, d => d.Groups.Select(g => g.OrthogonalityDefect).DefaultIfEmpty(0).Max())} | " +
                          $"{Format(method, d => d.Groups.Select(g => (double)g.Iterations).DefaultIfEmpty(0).Max())} | " +
                          $"{(lastChanges.Count == 0 ? "—" : Format(MeanStd.Of(lastChanges), "G3"))} | " +
                          $"{(convergence.Length == 0 ? "yes" : convergence)} | " +
                          $"{Format(method, d => d.Seconds)} | " +
                          $"{Format(method, d => LayerMean(d, l => l.WeightCosineAfter))} | " +
                          $"{Format(method, d => LayerMean(d, l => l.SingularVectorCosineAfter))} | {method.Count()} |");
        }
        md.AppendLine();

        md.AppendLine("### Per layer: A against B (before) → B' (after), mean over seed pairs");
        md.AppendLine();
        md.AppendLine("| method | layer | k | weight cos before | weight cos after | top-k SV \\|cos\\| before | top-k SV \\|cos\\| after |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var method in diagnostics.GroupBy(d => d.Method))
        {
            foreach (var layer in method.SelectMany(d => d.Layers).GroupBy(l => l.Parameter))
            {
                md.AppendLine($"| {Cell(method.Key)} | {Cell(layer.Key)} | {layer.First().TopK} | " +
                              $"{Mean(layer, l => l.WeightCosineBefore)} | {Mean(layer, l => l.WeightCosineAfter)} | " +
                              $"{Mean(layer, l => l.SingularVectorCosineBefore)} | {Mean(layer, l => l.SingularVectorCosineAfter)} |");
            }
        }
        md.AppendLine();
    }

    /// <summary>
    /// The method's convergence over its seed pairs: <see cref="NotConvergedFlag"/> (n/m pairs) where a group did not
    /// converge, <see cref="ConvergenceNotRecorded"/> (n/m pairs) where a group predates the record, both when both, and
    /// empty when every pair converged (methods without iterations always do).
    /// </summary>
    private static string ConvergenceMark(IReadOnlyList<AlignmentDiagnostics> pairs)
    {
        var marks = new List<string>();
        var unconverged = pairs.Count(d => d.Groups.Any(g => g.ConvergenceRecorded && !g.Converged));
        var unrecorded = pairs.Count(d => d.Groups.Any(g => !g.ConvergenceRecorded));
        if (unconverged > 0)
        {
            marks.Add($"{NotConvergedFlag} ({unconverged}/{pairs.Count} pairs)");
        }

        if (unrecorded > 0)
        {
            marks.Add($"{ConvergenceNotRecorded} ({unrecorded}/{pairs.Count} pairs)");
        }

        return string.Join("; ", marks);
    }

    /// <summary>
    /// |F_last − F_previous| / |F_last| of the last iteration (0 when it did not move), the largest over the groups whose
    /// trace has two entries or more; null when none has (no iterations, a single one, or a result that predates the trace).
    /// </summary>
    private static double? LastRelativeChange(AlignmentDiagnostics diagnostics) =>
        diagnostics.Groups
            .Where(g => g.ObjectiveTrace.Count >= 2)
            .Select(g => (Change: Math.Abs(g.ObjectiveTrace[^1] - g.ObjectiveTrace[^2]), Scale: Math.Abs(g.ObjectiveTrace[^1])))
            .Select(x => (double?)(x.Change == 0 ? 0 : x.Change / x.Scale))
            .Max();

    private static double LayerMean(AlignmentDiagnostics diagnostics, Func<LayerSimilarity, double> value) =>
        diagnostics.Layers.Select(value).DefaultIfEmpty(double.NaN).Average();

    private static string Mean(IEnumerable<LayerSimilarity> layers, Func<LayerSimilarity, double> value) =>
        layers.Average(value).ToString("F3", CultureInfo.InvariantCulture);
}
