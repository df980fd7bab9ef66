using System.Globalization;
using System.Text;
using OrthoRebasin.Evaluation;
using OrthoRebasin.IO;
using OrthoRebasin.Published;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

/// <summary>
/// The Markdown report of an experiment: barrier table (mean ± std over seed pairs, flagged when maxima sit at an
/// endpoint), the comparison with the study's table, fidelity table, alignment diagnostics, the figures by relative
/// link, and the provenance. Drawn from the results record only.
/// </summary>
public static partial class ReportWriter
{
    public const string EndpointFlag = "⚠ endpoint";

    /// <param name="plainMlp">For a residual-MLP experiment, the plain-MLP experiment of the same data set to compare with.</param>
    /// <param name="published">The registry of published numbers (published.yaml): its entries for this experiment, and the study's table.</param>
    public static string Render(ExperimentResults results, IReadOnlyList<string> figureFiles, string reportDirectory, PlainMlpComparison? plainMlp = null, PublishedNumbers? published = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        published ??= PublishedNumbers.Empty;
        ArgumentNullException.ThrowIfNull(figureFiles);
        var md = new StringBuilder();
        var pairs = results.Curves.Select(c => c.Pair).Concat(results.Fidelity.Select(f => f.Pair)).Distinct().ToList();
        md.AppendLine($"# {Cell(results.ExperimentId)}");
        md.AppendLine();
        md.AppendLine($"Dataset `{results.Dataset}` · model `{results.Model}` · {results.Lambdas.Count} values of λ · " +
                      $"{pairs.Count} seed pair(s): {string.Join(", ", pairs)}");
        md.AppendLine();
        AppendTraining(md, results.Training);
        AppendBarriers(md, results.Summary, results.Diagnostics, results.ConventionSpread);
        AppendConventions(md, results);
        if (plainMlp is not null)
        {
            AppendPlainMlpComparison(md, results, plainMlp);
        }

        AppendPublished(md, results, published);
        AppendStudyComparison(md, results, StudyTable.From(published));
        AppendFidelity(md, results.Fidelity);
        AppendDiagnostics(md, results.Diagnostics);
        AppendFigures(md, figureFiles, reportDirectory);
        AppendProvenance(md, results.Provenance);
        return md.ToString();
    }

    /// <summary>Writes the report to <paramref name="reportPath"/> atomically, linking figures relative to its folder.</summary>
    public static void Write(ExperimentResults results, IReadOnlyList<string> figureFiles, string reportPath, PlainMlpComparison? plainMlp = null, PublishedNumbers? published = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        AtomicFile.WriteAllBytes(reportPath, new UTF8Encoding(false).GetBytes(Render(results, figureFiles, directory, plainMlp, published)));
    }

    private static void AppendBarriers(StringBuilder md, IReadOnlyList<BarrierSummary> summary, IReadOnlyList<AlignmentDiagnostics> diagnostics, IReadOnlyList<ConventionSpread> conventions)
    {
        var spread = conventions.Select(c => (c.Method, c.Path, c.Split)).ToHashSet();
        var metrics = Figures.MetricsOf(summary);
        var convergence = diagnostics.GroupBy(d => d.Method).ToDictionary(m => m.Key, m => ConvergenceMark(m.ToList()), StringComparer.Ordinal);
        md.AppendLine("## Barriers (mean ± std over seed pairs)");
        md.AppendLine();
        md.AppendLine($"| method | path | split | {string.Join(" | ", metrics.Select(m => m.Id))} | n | flag |");
        md.AppendLine($"|---|---|---|{string.Concat(metrics.Select(_ => "---:|"))}---:|---|");
        foreach (var s in summary)
        {
            var flags = new List<string>();
            if (s.EndpointMaxima > 0)
            {
                flags.Add($"{EndpointFlag} ({s.EndpointMaxima}/{s.Pairs})");
            }

            if (spread.Contains((s.Method, s.Path, s.Split)))
            {
                flags.Add($"{ConventionFlag} (spread below)");
            }

            if (convergence.GetValueOrDefault(s.Method, "") is { Length: > 0 } mark)
            {
                flags.Add(mark);
            }

            var flag = string.Join("; ", flags);
            md.AppendLine($"| {Cell(s.Method)} | {Cell(s.Path)} | {Cell(s.Split)} | {string.Join(" | ", metrics.Select(m => Format(s[m.Id], m.Format)))} | {s.Pairs} | {flag} |");
        }
        md.AppendLine();
        if (summary.Any(s => s.EndpointMaxima > 0))
        {
            md.AppendLine($"{EndpointFlag}: for these seed pairs the loss-barrier maximum sits at λ = 0 or 1, so the endpoints, " +
                          "not the path, dominate, and a barrier of 0 says nothing about connectivity (docs/METHODS.md §5). Two causes: an " +
                          "over-fitted recipe (validation loss far above its minimum), where every midpoint looks better than the endpoints; " +
                          "or an aligned B' much worse than B (an orthogonal transform of a ReLU network), where the path from A to the " +
                          "damaged B' lies under its chord. The fidelity table and loss_barrier_vs_original tell them apart.");
            md.AppendLine();
        }

        if (convergence.Values.Any(m => m.Contains(NotConvergedFlag, StringComparison.Ordinal)))
        {
            md.AppendLine($"{NotConvergedFlag}: for these seed pairs the method stopped at its iteration cap (`max_iter` sweeps, `steps` steps) " +
                          "before meeting its stopping rule (docs/METHODS.md §3), so B' is where the cap left it, not where the method would " +
                          "settle: these barriers are the capped method's, and a larger cap may move them. The diagnostics below say how much " +
                          "the last iteration still changed the objective; each alignment.json holds the objective after every iteration.");
            md.AppendLine();
        }

        if (convergence.Values.Any(m => m.Contains(ConvergenceNotRecorded, StringComparison.Ordinal)))
        {
            md.AppendLine($"{ConvergenceNotRecorded}: these alignments were computed before convergence was recorded (their alignment.json " +
                          "has no objective trace), so whether the method met its stopping rule is unknown; delete their `align/` folders and " +
                          "rerun to record it.");
            md.AppendLine();
        }
    }

    private static void AppendFidelity(StringBuilder md, IReadOnlyList<FidelityResult> fidelity)
    {
        md.AppendLine("## Fidelity of aligned B' to B (test split, mean ± std over seed pairs)");
        md.AppendLine();
        md.AppendLine("| method | ΔL | ΔAcc | prediction agreement | logit MSE | ‖θ_A − θ_B‖ before | ‖θ_A − θ_B'‖ after | n |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var method in fidelity.GroupBy(f => f.Method))
        {
            md.AppendLine($"| {Cell(method.Key)} | {Format(method, f => f.DeltaLoss)} | {Format(method, f => f.DeltaAccuracy)} | " +
                          $"{Format(method, f => f.PredictionAgreement)} | {Format(method, f => f.LogitMse)} | " +
                          $"{Format(method, f => f.DistanceBefore)} | {Format(method, f => f.DistanceAfter)} | {method.Count()} |");
        }
        md.AppendLine();
    }

    private static void AppendFigures(StringBuilder md, IReadOnlyList<string> figureFiles, string reportDirectory)
    {
        if (figureFiles.Count == 0)
        {
            return;
        }

        md.AppendLine("## Figures");
        md.AppendLine();
        foreach (var file in figureFiles)
        {
            // Relative links keep the report readable wherever the results folder is copied or published.
            var link = Path.GetRelativePath(Path.GetFullPath(reportDirectory), Path.GetFullPath(file))
                .Replace(Path.DirectorySeparatorChar, '/')
                .Replace(" ", "%20", StringComparison.Ordinal);
            md.AppendLine($"![{Path.GetFileNameWithoutExtension(file)}]({link})");
            md.AppendLine();
        }
    }

    private static void AppendProvenance(StringBuilder md, Provenance p)
    {
        md.AppendLine("## Provenance");
        md.AppendLine();
        md.AppendLine($"- manifest hash: `{p.ManifestHash}`");
        md.AppendLine($"- commit: `{p.GitCommit}`");
        md.AppendLine($"- packages: {string.Join(", ", p.Packages.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
        md.AppendLine($"- device: {p.Device}, threads: {p.Threads}");
        md.AppendLine($"- seeds: {string.Join(", ", p.Seeds)}");
        md.AppendLine($"- started: {p.StartedAt.ToString("O", CultureInfo.InvariantCulture)}, wall time: {Seconds(p.WallSeconds)}");
        if (p.StageSeconds.Count > 0)
        {
            md.AppendLine($"- stage seconds: {string.Join(", ", p.StageSeconds.Select(s => $"{s.Key} {Seconds(s.Value)}"))}");
        }
    }

    private static string Format(MeanStd value, string format = "F3") =>
        $"{value.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {value.Std.ToString(format, CultureInfo.InvariantCulture)}";

    private static string Format<T>(IEnumerable<T> group, Func<T, double> value)
    {
        // Three significant figures: fidelity numbers of exact symmetries are ~1e-7 and would all print as 0.000.
        return Format(MeanStd.Of(group.Select(value).ToList()), "G3");
    }

    private static string Number(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
