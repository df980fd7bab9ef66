using OrthoRebasin.Validation;


namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>weight-matching</c> (docs/METHODS.md §3).</summary>
public sealed record WeightMatchingOptions
{
    /// <summary>Upper bound on coordinate-descent sweeps over the hidden layers.</summary>
    [AtLeast(1), AtMost(100_000, "each iteration sweeps every group")]
    public int MaxIter { get; init; } = 100;
}
