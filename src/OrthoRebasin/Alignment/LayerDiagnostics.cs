namespace OrthoRebasin.Alignment;

/// <summary>Per-group diagnostics of an alignment: the method's objective before (T = I) and after, ||TᵀT − I||_F, work done.</summary>
public sealed record LayerDiagnostics(string Group, double ObjectiveBefore, double ObjectiveAfter, double OrthogonalityDefect, int Iterations, double Seconds);
