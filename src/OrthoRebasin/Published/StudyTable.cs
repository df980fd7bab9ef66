namespace OrthoRebasin.Published;

/// <summary>
/// The study's headline table (docs/METHODS.md §6): the loss barrier each method reached on CIFAR-10 with an MLP of 3
/// hidden layers (≈50% accuracy), read from the registry's entries of source <see cref="PublishedNumbers.StudySource"/>.
/// The study gives no seeds, epochs or barrier definition, so a reproduction compares the pattern (which methods raise
/// and which lower the barrier relative to <c>identity</c>), not the digits.
/// </summary>
public sealed record StudyTable(IReadOnlyList<KeyValuePair<string, double>> LossBarriers)
{
    /// <summary>The method every other is compared with (the study's "Naive").</summary>
    public const string Reference = "identity";

    /// <summary>What the numbers were measured on, for reports.</summary>
    public const string Setting = "CIFAR-10, MLP with 3 hidden layers, ≈50% accuracy; the study gives no seeds, epochs or barrier definition";

    /// <summary>Method id → the study's loss barrier, in the registry's order (the study's).</summary>
    public static StudyTable From(PublishedNumbers registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new StudyTable(registry.Entries
            .Where(e => e.Source == PublishedNumbers.StudySource)
            .Select(e => new KeyValuePair<string, double>(e.Method, e.Value))
            .ToList());
    }

    /// <summary>Whether the table holds the reference and at least one other method.</summary>
    public bool IsComparable => LossBarrier(Reference) is not null && LossBarriers.Count > 1;

    /// <summary>The study's loss barrier of <paramref name="method"/>, or null when the study does not report it.</summary>
    public double? LossBarrier(string method) =>
        LossBarriers.Where(e => e.Key == method).Select(e => (double?)e.Value).FirstOrDefault();

    /// <summary>+1 when <paramref name="barrier"/> is above the reference's, −1 when below, 0 when equal.</summary>
    public static int Direction(double barrier, double reference) => barrier.CompareTo(reference) switch
    {
        > 0 => 1,
        < 0 => -1,
        _ => 0,
    };
}
