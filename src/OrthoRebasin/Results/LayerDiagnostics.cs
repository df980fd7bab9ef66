namespace OrthoRebasin.Results;

/// <summary>
/// Per-group diagnostics of an alignment: the method's objective before (T = I) and after, ||TᵀT − I||_F, work done,
/// and any method-specific numbers by name (e.g. <c>polar</c>'s distance to the SVD solution).
/// </summary>
public sealed record LayerDiagnostics(
    string Group, double ObjectiveBefore, double ObjectiveAfter, double OrthogonalityDefect, int Iterations, double Seconds,
    IReadOnlyDictionary<string, double>? Extra = null);
