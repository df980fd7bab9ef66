using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>
    /// Per method: the method's own diagnostics summed or maximised over its groups, then mean ± std over seed pairs;
    /// and per method × layer the weight and top-k singular-vector cosines of A with B (before) and B' (after).
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
                      "|cos(u_i^A, u_i^B')| over the k leading left singular vectors.");
        md.AppendLine();
        md.AppendLine("| method | objective before | objective after | max ‖TᵀT − I‖_F | iterations | seconds | weight cos | top-k SV \\|cos\\| | n |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var method in diagnostics.GroupBy(d => d.Method))
        {
            md.AppendLine($"| {Cell(method.Key)} | {Format(method, d => d.Groups.Sum(g => g.ObjectiveBefore))} | " +
                          $"{Format(method, d => d.Groups.Sum(g => g.ObjectiveAfter))} | " +
                          $"{Format(method, d => d.Groups.Select(g => g.OrthogonalityDefect).DefaultIfEmpty(0).Max())} | " +
                          $"{Format(method, d => d.Groups.Select(g => (double)g.Iterations).DefaultIfEmpty(0).Max())} | " +
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

    private static double LayerMean(AlignmentDiagnostics diagnostics, Func<LayerSimilarity, double> value) =>
        diagnostics.Layers.Select(value).DefaultIfEmpty(double.NaN).Average();

    private static string Mean(IEnumerable<LayerSimilarity> layers, Func<LayerSimilarity, double> value) =>
        layers.Average(value).ToString("F3", CultureInfo.InvariantCulture);
}
