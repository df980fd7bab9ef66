using System.Text.Json.Serialization;

namespace OrthoRebasin.Results;

/// <summary>
/// Per-group diagnostics of an alignment: the method's objective before (T = I) and after, ||TᵀT − I||_F, work done,
/// whether an iterating method met its stopping rule, and any method-specific numbers by name (e.g. <c>polar</c>'s
/// distance to the SVD solution, the Cayley descent's rejected steps).
/// </summary>
public sealed record LayerDiagnostics(
    string Group, double ObjectiveBefore, double ObjectiveAfter, double OrthogonalityDefect, int Iterations, double Seconds,
    IReadOnlyDictionary<string, double>? Extra = null)
{
    /// <summary>
    /// False when the method stopped at its iteration cap (<c>max_iter</c>, <c>steps</c>) without meeting its stopping
    /// rule (docs/METHODS.md §3 says what that rule is per method). Methods without iterations are converged by definition,
    /// and alignment.json files written before the flag existed load as true: see <see cref="ConvergenceRecorded"/>.
    /// </summary>
    public bool Converged { get; init; } = true;

    /// <summary>
    /// The objective the method's stopping rule tests, after each of its <see cref="Iterations"/> (a sweep, an accepted
    /// Cayley step, an Adam step), so a reader sees how far from converging it stopped. Empty for methods without
    /// iterations, and in files written before it existed.
    /// </summary>
    public IReadOnlyList<double> ObjectiveTrace { get; init; } = [];

    /// <summary>
    /// False for a group that iterated (more than one iteration) but carries no trace: it was written before convergence
    /// was recorded, and its <see cref="Converged"/> is only the default. (A result that old whose method stopped after
    /// one iteration or none reads as recorded; every group written since has a trace as long as its iterations.)
    /// </summary>
    [JsonIgnore]
    public bool ConvergenceRecorded => ObjectiveTrace.Count > 0 || Iterations <= 1;
}
