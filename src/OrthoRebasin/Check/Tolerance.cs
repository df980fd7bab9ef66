namespace OrthoRebasin.Check;

/// <summary>|actual − baseline| ≤ abs + rel·|baseline|.</summary>
public sealed record Tolerance
{
    public double Abs { get; init; }

    public double Rel { get; init; }
}
