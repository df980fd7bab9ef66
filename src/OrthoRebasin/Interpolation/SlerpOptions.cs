namespace OrthoRebasin.Interpolation;

/// <summary>Options of the <c>slerp</c> path (docs/METHODS.md §4).</summary>
public sealed record SlerpOptions
{
    public SlerpNorm Norm { get; init; } = SlerpNorm.Interpolate;

    public SlerpPer Per { get; init; } = SlerpPer.Tensor;
}
