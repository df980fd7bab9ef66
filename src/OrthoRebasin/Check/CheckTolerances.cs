namespace OrthoRebasin.Check;

/// <summary>
/// The tolerances of one experiment's check, as its tolerances file holds them (<see cref="ToleranceFile"/>): per metric
/// name, and where they came from. YAML keys are the snake_case of the property names.
/// </summary>
public sealed record CheckTolerances
{
    /// <summary>The experiment whose seed-to-seed spread gave the numbers: the one checked, or one with more pairs of the same recipe.</summary>
    public required string DerivedFrom { get; init; }

    /// <summary>k: how many seed-to-seed standard deviations a number may move.</summary>
    public required double Sigmas { get; init; }

    /// <summary>Tolerance per metric name (e.g. loss_barrier, loss_barrier/mean); <c>default</c> applies to every other metric.</summary>
    public required IReadOnlyDictionary<string, Tolerance> Tolerances { get; init; }
}
