using System.Globalization;
using System.Text;
using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Results;

namespace OrthoRebasin.Pipeline;

public sealed partial class ExperimentPipeline
{
    /// <summary>
    /// The layout of results.json: part of its cache key, so results written before a field existed (the endpoints'
    /// training summary since 2; metrics by name, the model's id and groups since 3; the endpoints' chance flag since 4)
    /// are assembled again instead of reused. Assembling reads the stage records on disk: nothing is trained, aligned or
    /// evaluated again.
    /// </summary>
    private const int ResultsFormat = 4;

    /// <summary>
    /// Computes every missing curve, then assembles the results from the stage records on disk and writes
    /// results.json (full curves), results.csv (one row per method × path × split × seed pair) and provenance.json.
    /// </summary>
    public ExperimentResults Gather()
    {
        var curveFolders = Interpolate();
        var alignmentFolders = Align();
        // results.json is itself cached, keyed by the units it assembles and recorded with its digests: a rerun that
        // computed nothing keeps it (and the provenance of the run that did the work) when it verifies, and an edited
        // results.json, results.csv or provenance.json is assembled again from the verified units.
        var key = Json.Hash(new { Version, ResultsFormat, Units = curveFolders.Concat(alignmentFolders).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() });
        var keyFile = Path.Combine(Paths.Directory, "results.key");
        if (!_computedAny && GatheredVerifies(keyFile, key))
        {
            _observer.UnitFinished("gather", "results.json", 0, cached: true);
            return WithSweep(Json.Read<ExperimentResults>(Paths.Results), keyFile, key);
        }

        if (ReadOnly)
        {
            throw ArtifactStore.ReadOnlyRefusal(Paths.Directory, "results.json, results.csv or provenance.json is missing or does not verify against results.key");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var curveRecords = curveFolders.Select(f => Json.Read<CurveRecord>(Path.Combine(f, "curves.json"))).ToList();
        var alignmentRecords = alignmentFolders.Select(f => Json.Read<AlignmentRecord>(Path.Combine(f, "alignment.json"))).ToList();

        var conventionCurves = curveRecords.Where(r => r.ConventionDraw > 0).SelectMany(record => record.Splits.Select(split => new ConventionCurve
        {
            Method = record.Method,
            Path = record.Path,
            Split = split.Split,
            Pair = new SeedPair(record.SeedA, record.SeedB),
            Draw = record.ConventionDraw,
            Barriers = Barriers.Compute(new CurveSample(record.Lambdas, split.Loss, split.Accuracy, split.OriginalBLoss, split.OriginalBAccuracy)),
        })).ToList();
        curveRecords = curveRecords.Where(r => r.ConventionDraw == 0).ToList();
        alignmentRecords = alignmentRecords.Where(r => r.ConventionDraw == 0).ToList();

        var curves = curveRecords.SelectMany(record => record.Splits.Select(split => new CurveResult
        {
            Method = record.Method,
            Path = record.Path,
            Split = split.Split,
            Pair = new SeedPair(record.SeedA, record.SeedB),
            Loss = split.Loss,
            Accuracy = split.Accuracy,
            OriginalBLoss = split.OriginalBLoss,
            OriginalBAccuracy = split.OriginalBAccuracy,
            Barriers = Barriers.Compute(new CurveSample(record.Lambdas, split.Loss, split.Accuracy, split.OriginalBLoss, split.OriginalBAccuracy)),
        })).ToList();

        var summary = Barriers.SummarizeCurves(curves);

        var classes = DatasetRegistry.Registry.Get(Recipe.Data.Dataset).Classes;
        var training = Train().OrderBy(m => m.Key).Select(m =>
        {
            var record = Json.Read<TrainingRecord>(Path.Combine(m.Value, "training.json"));
            return new TrainingSummary
            {
                Seed = record.Seed,
                Checkpoint = record.Checkpoint,
                EpochsRun = record.EpochLoss.Count,
                KeptEpoch = record.KeptEpoch,
                // Epochs count from 1; no validation split leaves the list empty.
                ValidationLoss = record.KeptEpoch >= 1 && record.KeptEpoch <= record.ValidationLoss.Count ? record.ValidationLoss[record.KeptEpoch - 1] : double.NaN,
                TestLoss = record.TestLoss,
                TestAccuracy = record.TestAccuracy,
                Seconds = record.Seconds,
                AtChance = TrainingSummary.IsAtChance(record.TestAccuracy, classes),
            };
        }).ToList();

        var fidelity = alignmentRecords.Select(r => new FidelityResult
        {
            Method = r.Method,
            Pair = new SeedPair(r.SeedA, r.SeedB),
            DeltaLoss = r.LossAligned - r.LossB,
            DeltaAccuracy = r.AccuracyAligned - r.AccuracyB,
            PredictionAgreement = r.PredictionAgreement,
            LogitMse = r.LogitMse,
            DistanceBefore = r.DistanceBefore,
            DistanceAfter = r.DistanceAfter,
        }).ToList();

        var diagnostics = alignmentRecords.Select(r => new AlignmentDiagnostics
        {
            Method = r.Method,
            Pair = new SeedPair(r.SeedA, r.SeedB),
            Groups = r.Groups,
            Layers = r.Layers,
            Seconds = r.Seconds,
        }).ToList();
        _stageSeconds["gather"] = _stageSeconds.GetValueOrDefault("gather") + clock.Elapsed.TotalSeconds;

        var results = new ExperimentResults
        {
            ExperimentId = _experiment.Id,
            Sweep = SweepOf(_experiment),
            Dataset = Recipe.Data.Dataset,
            Model = Data.Architecture.Describe(),
            Architecture = Data.Architecture.Id,
            Groups = Data.Architecture.Symmetry.Groups,
            Lambdas = Interpolation.LambdaGrid.Linspace(Recipe.Lambdas),
            Curves = curves,
            Fidelity = fidelity,
            Diagnostics = diagnostics,
            Summary = summary,
            Training = training,
            ConventionCurves = conventionCurves,
            ConventionSpread = SummarizeDraws(conventionCurves),
            Provenance = ProvenanceRecorder.Capture(_experiment, _settings, Seeds.ToList(), _startedAt, _wall.Elapsed.TotalSeconds, _stageSeconds),
        };
        Json.Write(Paths.Results, results);
        AtomicFile.WriteAllText(Paths.ResultsCsv, ToCsv(results));
        Json.Write(Paths.Provenance, results.Provenance);
        Json.Write(keyFile, new GatheredFiles(key, UnitManifest.Record(Paths.Directory, Gathered)));
        return results;
    }

    /// <summary>The experiment's sweep point as its results record it; null when it is not a sweep point.</summary>
    private static ExperimentSweep? SweepOf(Experiment experiment) =>
        experiment.Sweep is { } point ? new ExperimentSweep(point.Parent, point.Coordinates.Select(c => new SweepValue(c.Key, c.Value)).ToList()) : null;

    /// <summary>
    /// Cached results whose sweep point is not the experiment's (results gathered before results recorded it, or a
    /// manifest edit that moved the experiment into or out of a sweep): the point is set and results.json written again
    /// with everything else, the provenance of the run that did the work included, unchanged, and its digest recorded
    /// under the same key. A read-only run sets it in memory only.
    /// </summary>
    private ExperimentResults WithSweep(ExperimentResults cached, string keyFile, string key)
    {
        var sweep = SweepOf(_experiment);
        if (sweep is null ? cached.Sweep is null : sweep.SamePoint(cached.Sweep))
        {
            return cached;
        }

        var results = cached with { Sweep = sweep };
        if (!ReadOnly)
        {
            Json.Write(Paths.Results, results);
            Json.Write(keyFile, new GatheredFiles(key, UnitManifest.Record(Paths.Directory, Gathered)));
        }

        return results;
    }

    /// <summary>Each curve metric over every pair × draw of one (method, path, split): mean ± std, minimum and maximum.</summary>
    private static List<ConventionSpread> SummarizeDraws(IReadOnlyList<ConventionCurve> draws) =>
        draws
            .GroupBy(c => (c.Method, c.Path, c.Split))
            .Select(g =>
            {
                var names = g.SelectMany(c => c.Barriers.Values.Keys).Distinct().ToList();
                return new ConventionSpread
                {
                    Method = g.Key.Method,
                    Convention = Alignment.Methods.AlignmentMethods.Registry.Get(g.Key.Method).Traits.Convention ?? "",
                    Path = g.Key.Path,
                    Split = g.Key.Split,
                    Draws = g.Select(c => c.Draw).Distinct().Count(),
                    Pairs = g.Select(c => c.Pair).Distinct().Count(),
                    Metrics = names.ToDictionary(n => n, n => MeanStd.Of(g.Select(c => c.Barriers[n]).ToList()), StringComparer.Ordinal),
                    Min = names.ToDictionary(n => n, n => g.Min(c => c.Barriers[n]), StringComparer.Ordinal),
                    Max = names.ToDictionary(n => n, n => g.Max(c => c.Barriers[n]), StringComparer.Ordinal),
                };
            })
            .ToList();

    /// <summary>The files Gather writes, relative to the experiment's folder.</summary>
    private static readonly string[] Gathered = ["results.json", "results.csv", "provenance.json"];

    /// <summary>Whether the gathered files are those of <paramref name="key"/>'s units and unchanged since they were written.</summary>
    private bool GatheredVerifies(string keyFile, string key)
    {
        if (Gathered.Any(f => !File.Exists(Path.Combine(Paths.Directory, f))) || Json.ReadOrNull<GatheredFiles>(keyFile) is not { } recorded || recorded.Key != key)
        {
            return false;
        }

        if (recorded.Files.Mismatch(Paths.Directory) is { } problem)
        {
            _observer.Message($"{Paths.Directory}: {problem}{(ReadOnly ? "" : "; assembling the results again from the verified units")}");
            return false;
        }

        return true;
    }

    /// <summary>results.key: the key of the units the results were assembled from, and the digests of what was written.</summary>
    private sealed record GatheredFiles(string Key, UnitManifest Files);

    /// <summary>
    /// One row per method × path × split × seed pair with every registered curve metric and the pair's fidelity, then
    /// one row per random convention draw (its metrics only); the last column is the draw, 0 for the canonical choice.
    /// </summary>
    public static string ToCsv(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var metrics = CurveMetrics.Registry.Ids;
        var csv = new StringBuilder(string.Join(",", ["experiment", "method", "path", "split", "seed_a", "seed_b", .. metrics,
            "argmax_lambda", "endpoint_max", "loss_a", "loss_b_aligned", "loss_b_original", "delta_loss", "delta_accuracy", "prediction_agreement", "logit_mse", "convention_draw"]) + "\n");
        foreach (var c in results.Curves)
        {
            var f = results.Fidelity.FirstOrDefault(x => x.Method == c.Method && x.Pair == c.Pair);
            string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            csv.AppendLine(string.Join(",",
                [results.ExperimentId, c.Method, c.Path, c.Split, N(c.Pair.A), N(c.Pair.B),
                .. metrics.Select(m => c.Barriers.Values.TryGetValue(m, out var v) ? N(v) : ""),
                N(c.Barriers.ArgmaxLambda), c.Barriers.AtEndpoint ? "true" : "false",
                N(c.Loss[0]), N(c.Loss[^1]), N(c.OriginalBLoss),
                f is null ? "" : N(f.DeltaLoss), f is null ? "" : N(f.DeltaAccuracy), f is null ? "" : N(f.PredictionAgreement), f is null ? "" : N(f.LogitMse), "0"]));
        }

        foreach (var c in results.ConventionCurves)
        {
            string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            csv.AppendLine(string.Join(",",
                [results.ExperimentId, c.Method, c.Path, c.Split, N(c.Pair.A), N(c.Pair.B),
                .. metrics.Select(m => c.Barriers.Values.TryGetValue(m, out var v) ? N(v) : ""),
                N(c.Barriers.ArgmaxLambda), c.Barriers.AtEndpoint ? "true" : "false", "", "", "", "", "", "", "", N(c.Draw)]));
        }

        return csv.ToString();
    }
}
