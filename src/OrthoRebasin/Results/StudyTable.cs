namespace OrthoRebasin.Results;

/// <summary>
/// The study's headline table (docs/METHODS.md §6, from the study's CIFAR-10 table): the loss barrier each method reached on
/// CIFAR-10 with an MLP of 3 hidden layers (≈50% accuracy). The study gives no seeds, epochs or barrier definition, so a
/// reproduction compares the pattern — which methods raise and which lower the barrier relative to <c>identity</c> —
/// not the digits. The one place these numbers live.
/// </summary>
public static class StudyTable
{
    /// <summary>The method every other is compared with (the study's "Naive").</summary>
    public const string Reference = "identity";

    /// <summary>What the numbers were measured on, for reports.</summary>
    public const string Setting = "CIFAR-10, MLP with 3 hidden layers, ≈50% accuracy; the study gives no seeds, epochs or barrier definition";

    /// <summary>Method id → the study's loss barrier, in the study's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> LossBarriers { get; } =
    [
        new("identity", 0.90),
        new("svd-weight", 1.34),
        new("procrustes-weight-layerwise", 1.66),
        new("procrustes-weight", 0.47),
        new("procrustes-activation", 0.97),
        new("stiefel", 1.93),
    ];

    /// <summary>The study's loss barrier of <paramref name="method"/>, or null when the study does not report it.</summary>
    public static double? LossBarrier(string method) =>
        LossBarriers.Where(e => e.Key == method).Select(e => (double?)e.Value).FirstOrDefault();

    /// <summary>+1 when <paramref name="barrier"/> is above the reference's, −1 when below, 0 when equal.</summary>
    public static int Direction(double barrier, double reference) => barrier.CompareTo(reference) switch
    {
        > 0 => 1,
        < 0 => -1,
        _ => 0,
    };
}
