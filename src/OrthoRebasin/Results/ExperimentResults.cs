using System.Text.Json.Serialization;
using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Results;

// Result records: what the pipeline writes to results.json and what figures and reports are drawn from.

/// <summary>Everything an experiment produced: full curves per (method, path, split, seed pair) and their summaries.</summary>
public sealed record ExperimentResults
{
    public required string ExperimentId { get; init; }

    /// <summary>
    /// The sweep point the experiment is (its parent entry and the value of each swept key), for figures across a sweep;
    /// null, and left out of results.json, for an experiment that is not a sweep point.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExperimentSweep? Sweep { get; init; }

    public required string Dataset { get; init; }

    /// <summary>The model in one line (e.g. <c>mlp 64-128-128-10</c>), for reports.</summary>
    public required string Model { get; init; }

    /// <summary>The model's registered id (<c>mlp</c>); empty in results written before it existed.</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The model's symmetry groups, from which the report tells which methods could not run on it.</summary>
    public IReadOnlyList<SymmetryGroup> Groups { get; init; } = [];

    public required IReadOnlyList<double> Lambdas { get; init; }

    public required IReadOnlyList<CurveResult> Curves { get; init; }

    public required IReadOnlyList<FidelityResult> Fidelity { get; init; }

    public required IReadOnlyList<BarrierSummary> Summary { get; init; }

    /// <summary>
    /// Per method × seed pair: the method's per-group diagnostics and the per-layer similarity of A to B and B'.
    /// Empty in results written before it existed, so older results.json files still load.
    /// </summary>
    public IReadOnlyList<AlignmentDiagnostics> Diagnostics { get; init; } = [];

    /// <summary>
    /// One entry per trained seed: how long it trained, where early stopping kept it, and how good it is. Empty in
    /// results written before it existed.
    /// </summary>
    public IReadOnlyList<TrainingSummary> Training { get; init; } = [];

    public required Provenance Provenance { get; init; }

    /// <summary>
    /// The curve metrics of every random convention draw (docs/METHODS.md §5), per method × path × split × seed pair ×
    /// draw, for the methods whose result depends on a convention. Empty without <c>convention_draws</c>. The canonical
    /// draw's curves are <see cref="Curves"/>.
    /// </summary>
    public IReadOnlyList<ConventionCurve> ConventionCurves { get; init; } = [];

    /// <summary>The spread of <see cref="ConventionCurves"/> per method × path × split, over every pair and draw.</summary>
    public IReadOnlyList<ConventionSpread> ConventionSpread { get; init; } = [];
}

/// <summary>The curve metrics of one random convention draw of one (method, path, split, seed pair).</summary>
public sealed record ConventionCurve
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Split { get; init; }

    public required SeedPair Pair { get; init; }

    /// <summary>k ≥ 1: the k-th seeded random choice (0, the canonical one, is in <see cref="ExperimentResults.Curves"/>).</summary>
    public required int Draw { get; init; }

    public required BarrierMetrics Barriers { get; init; }
}

/// <summary>
/// How much a method's result moves with the arbitrary convention it makes (svd-weight: singular-vector signs): each
/// curve metric's mean ± sample std, minimum and maximum over every seed pair × random draw of one (method, path, split).
/// </summary>
public sealed record ConventionSpread
{
    public required string Method { get; init; }

    /// <summary>What the method chooses arbitrarily (<c>MethodTraits.Convention</c>).</summary>
    public required string Convention { get; init; }

    public required string Path { get; init; }

    public required string Split { get; init; }

    /// <summary>Random draws per seed pair.</summary>
    public required int Draws { get; init; }

    public required int Pairs { get; init; }

    public required IReadOnlyDictionary<string, MeanStd> Metrics { get; init; }

    public required IReadOnlyDictionary<string, double> Min { get; init; }

    public required IReadOnlyDictionary<string, double> Max { get; init; }
}

/// <summary>
/// A trained endpoint: epochs run, the epoch kept (the validation minimum under early stopping, else the last), the
/// validation loss there (NaN without a validation split), its test loss and accuracy, and whether that accuracy is
/// at chance.
/// </summary>
public sealed record TrainingSummary
{
    /// <summary>
    /// How far above 1/classes a test accuracy may be and still count as chance: 0.05, enough to cover a model that
    /// always predicts the most frequent class of an unbalanced test split (MNIST's "1" is 11.35% of its test split),
    /// and far below any endpoint the recipes train (uci-digits about 0.97, CIFAR-10 about 0.5).
    /// </summary>
    public const double ChanceMargin = 0.05;

    /// <summary>The training seed, or for an imported endpoint its number (files numbered in the order they first appear).</summary>
    public required int Seed { get; init; }

    /// <summary>The checkpoint file an imported endpoint was read from, as the manifest writes it; absent for a trained one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Checkpoint { get; init; }

    public required int EpochsRun { get; init; }

    public required int KeptEpoch { get; init; }

    public required double ValidationLoss { get; init; }

    public required double TestLoss { get; init; }

    public required double TestAccuracy { get; init; }

    public required double Seconds { get; init; }

    /// <summary>
    /// True when the test accuracy is at most 1/classes + <see cref="ChanceMargin"/> (<see cref="IsAtChance"/>): the
    /// endpoint learnt nothing, and every barrier between it and another says nothing. False in results written before it existed.
    /// </summary>
    public bool AtChance { get; init; }

    /// <summary>The chance rule: <paramref name="accuracy"/> ≤ 1/<paramref name="classes"/> + <see cref="ChanceMargin"/>.</summary>
    public static bool IsAtChance(double accuracy, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        return accuracy <= 1.0 / classes + ChanceMargin;
    }
}

/// <summary>The two training seeds of a pair: model A and model B.</summary>
public sealed record SeedPair(int A, int B)
{
    public override string ToString() => $"{A}-{B}";
}

/// <summary>Loss and accuracy along one interpolation path between A and aligned B, on one split.</summary>
public sealed record CurveResult
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Split { get; init; }

    public required SeedPair Pair { get; init; }

    public required IReadOnlyList<double> Loss { get; init; }

    public required IReadOnlyList<double> Accuracy { get; init; }

    /// <summary>Loss and accuracy of the original, unaligned B on the same split (for the chord to the original B).</summary>
    public required double OriginalBLoss { get; init; }

    public required double OriginalBAccuracy { get; init; }

    public required BarrierMetrics Barriers { get; init; }
}

/// <summary>The curve metrics of one path (docs/METHODS.md §5), by metric name, and where the loss barrier is attained.</summary>
public sealed record BarrierMetrics
{
    public required IReadOnlyDictionary<string, double> Values { get; init; }

    /// <summary>The first λ at which the loss barrier is attained.</summary>
    public required double ArgmaxLambda { get; init; }

    /// <summary>True when the maximum sits at λ = 0 or 1: the endpoints, not the path, dominate.</summary>
    public bool AtEndpoint => ArgmaxLambda is 0.0 or 1.0;

    /// <summary>The metric <paramref name="name"/>; a name the curve lacks is a programming error.</summary>
    public double this[string name] =>
        Values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No metric '{name}' in this curve; it has {string.Join(", ", Values.Keys)}.");
}

/// <summary>How far aligned B' is from B as a function (zero for exact symmetries), on the test split.</summary>
public sealed record FidelityResult
{
    public required string Method { get; init; }

    public required SeedPair Pair { get; init; }

    public required double DeltaLoss { get; init; }

    public required double DeltaAccuracy { get; init; }

    public required double PredictionAgreement { get; init; }

    public required double LogitMse { get; init; }

    /// <summary>||θ_A − θ_B|| before alignment and ||θ_A − θ_B'|| after.</summary>
    public required double DistanceBefore { get; init; }

    public required double DistanceAfter { get; init; }
}

/// <summary>The curve metrics of one (method, path, split) summarised over its seed pairs.</summary>
public sealed record BarrierSummary
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Split { get; init; }

    /// <summary>Mean ± sample standard deviation over the pairs, by metric name.</summary>
    public required IReadOnlyDictionary<string, MeanStd> Metrics { get; init; }

    /// <summary>How many seed pairs were summarised.</summary>
    public required int Pairs { get; init; }

    /// <summary>How many seed pairs had their loss-barrier maximum at an endpoint.</summary>
    public required int EndpointMaxima { get; init; }

    /// <summary>The summary of metric <paramref name="name"/>; a name the summary lacks is a programming error.</summary>
    public MeanStd this[string name] =>
        Metrics.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No metric '{name}' in this summary; it has {string.Join(", ", Metrics.Keys)}.");
}

/// <summary>Where a run came from: enough to rerun it and to tell two runs apart.</summary>
public sealed record Provenance
{
    public required string ManifestHash { get; init; }

    public required string GitCommit { get; init; }

    public required IReadOnlyDictionary<string, string> Packages { get; init; }

    public required string Device { get; init; }

    public required int Threads { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>Seconds per stage (train, align, interpolate, ...), summed over the work each stage did in this run.</summary>
    public IReadOnlyDictionary<string, double> StageSeconds { get; init; } = new Dictionary<string, double>();

    public string Machine { get; init; } = "";
}
