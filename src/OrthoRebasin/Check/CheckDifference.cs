namespace OrthoRebasin.Check;

/// <summary>One checked number that differs from the baseline; <see cref="Kind"/> is one of the constants below.</summary>
public sealed record CheckDifference(string Path, double? Baseline, double? Actual, double Allowed, string Kind)
{
    public const string OutOfTolerance = "out-of-tolerance";

    public const string MissingInResults = "missing-in-results";

    public const string NewInResults = "new-in-results";

    /// <summary>|actual − baseline| when both exist, otherwise null.</summary>
    public double? AbsoluteDifference => Baseline is { } b && Actual is { } a ? Math.Abs(a - b) : null;
}
