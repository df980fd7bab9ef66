namespace OrthoRebasin.Results;

/// <summary>
/// How alike one weight matrix (a 2-D parameter) of A and B is before and after alignment (docs/METHODS.md §5):
/// the cosine of the flattened weights, and |cos| between the i-th left singular vectors (descending singular values;
/// absolute because a singular vector's sign is arbitrary) for the top <see cref="TopK"/> of them (seed Figure 1).
/// "Before" compares A with the original B, "after" with aligned B'.
/// </summary>
public sealed record LayerSimilarity
{
    /// <summary>The parameter name, e.g. <c>layers.0.weight</c>.</summary>
    public required string Parameter { get; init; }

    public required double WeightCosineBefore { get; init; }

    public required double WeightCosineAfter { get; init; }

    /// <summary>How many singular vectors are compared: the requested k, or all of them if the matrix has fewer.</summary>
    public required int TopK { get; init; }

    /// <summary>Mean over i ≤ k of |cos(u_i^A, u_i^B)|.</summary>
    public required double SingularVectorCosineBefore { get; init; }

    /// <summary>Mean over i ≤ k of |cos(u_i^A, u_i^B')|.</summary>
    public required double SingularVectorCosineAfter { get; init; }

    /// <summary>|cos(u_i^A, u_i^B')| for i = 1..k: the per-index curve.</summary>
    public required IReadOnlyList<double> SingularVectorCosines { get; init; }
}
