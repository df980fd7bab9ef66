
namespace OrthoRebasin.Results;

/// <summary>
/// What one alignment (method × seed pair) did: the method's own per-group diagnostics (objective before/after,
/// ||TᵀT − I||_F, iterations, seconds) and the per-layer similarity of A and B before and after (docs/METHODS.md §5).
/// </summary>
public sealed record AlignmentDiagnostics
{
    public required string Method { get; init; }

    public required SeedPair Pair { get; init; }

    public required IReadOnlyList<LayerDiagnostics> Groups { get; init; }

    /// <summary>One entry per 2-D parameter, in parameter order.</summary>
    public required IReadOnlyList<LayerSimilarity> Layers { get; init; }

    /// <summary>Wall time of the whole alignment (the groups' seconds need not add up to it).</summary>
    public required double Seconds { get; init; }
}
