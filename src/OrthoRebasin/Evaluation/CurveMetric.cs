namespace OrthoRebasin.Evaluation;

/// <summary>
/// A number computed from one evaluated path (<see cref="CurveSample"/>), defined once: its name, what it means, how it is
/// computed, the unit its figure panel is labelled with and the format of its table cells. Every metric is summarised
/// over seed pairs as mean ± sample standard deviation, checked per pair and as that mean and std, and given tolerances
/// derived from its seed-to-seed spread (docs/METHODS.md §5, §7): registering it is all a new metric needs.
/// </summary>
public sealed record CurveMetric(string Id, string Description, Func<CurveSample, double> Compute) : IRegistryEntry
{
    /// <summary>The axis label of the metric's figure panel.</summary>
    public string Unit { get; init; } = "loss (nats)";

    /// <summary>The .NET format of the metric's table cells.</summary>
    public string Format { get; init; } = "F3";

    /// <summary>
    /// Whether the metric is defined on a curve (the midpoint metrics need λ = ½ on the grid); a curve it does not apply
    /// to has no value for it, rather than a NaN that would read as a failed evaluation. Null: defined on every curve.
    /// </summary>
    public Func<CurveSample, bool>? AppliesTo { get; init; }
}
