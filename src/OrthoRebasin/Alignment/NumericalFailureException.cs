namespace OrthoRebasin.Alignment;

/// <summary>What went wrong in a numerical routine: its input held NaN or infinity, or it failed on finite input.</summary>
public enum NumericalFailureKind
{
    /// <summary>The routine's input (a correlation, a cost or a covariance matrix) held NaN or an infinity.</summary>
    NonFinite,

    /// <summary>The routine did not converge, or met a singular or indefinite matrix, on finite input.</summary>
    Convergence,
}

/// <summary>
/// A numerical routine (an SVD, an eigendecomposition, a linear assignment, a solve) failed inside an alignment method on
/// input the method accepted. The message is one line,
/// <c>method on group 'g' (where): routine failed: what it said — what to try</c>; thrown by a routine alone (no method
/// around it) it starts at the routine. A user error: the model or the method's options are the user's to change.
/// </summary>
public sealed class NumericalFailureException : UserErrorException
{
    public NumericalFailureException(string routine, string detail, NumericalFailureKind kind, Exception? innerException = null)
        : this(null, null, null, routine, detail, kind, DefaultAdvice(kind), innerException)
    {
    }

    private NumericalFailureException(string? method, string? group, string? location, string routine, string detail, NumericalFailureKind kind, string advice, Exception? innerException)
        : base(Format(method, group, location, routine, detail, advice), innerException)
    {
        Method = method;
        Group = group;
        Location = location;
        Routine = routine;
        Detail = detail;
        Kind = kind;
        Advice = advice;
    }

    /// <summary>The manifest id of the method, or null when the routine was called on its own.</summary>
    public string? Method { get; }

    /// <summary>The symmetry group the method was aligning, or null when the routine was called on its own.</summary>
    public string? Group { get; }

    /// <summary>What the routine's input came from: the group's parameters or its activations.</summary>
    public string? Location { get; }

    /// <summary>The routine, as torch names it (<c>linalg.svd</c>, <c>linalg.eigh</c>) or <c>linear assignment</c>.</summary>
    public string Routine { get; }

    /// <summary>What the routine said, one line.</summary>
    public string Detail { get; }

    public NumericalFailureKind Kind { get; }

    public string Advice { get; }

    /// <summary>
    /// Advice for <see cref="NumericalFailureKind.NonFinite"/>. Weights are checked before alignment
    /// (<see cref="FiniteParameters"/>), so what is left is activations or sums that overflow.
    /// </summary>
    public const string NonFiniteAdvice =
        "model A or B has non-finite weights or activations in this layer: retrain it (training stops on divergence) or check the imported checkpoint";

    /// <summary>
    /// Advice for <see cref="NumericalFailureKind.Convergence"/>. No method option changes the routine's input (rtol and
    /// eps act on its result), so the fix is the models or another method; a linear assignment never fails on finite costs.
    /// </summary>
    public const string ConvergenceAdvice =
        "the weights or activations of this layer are degenerate (dead units, duplicated rows) or badly scaled: check models A and B, "
        + "or use another method, e.g. weight-matching, which needs no matrix factorisation";

    public static string DefaultAdvice(NumericalFailureKind kind) => kind == NumericalFailureKind.NonFinite ? NonFiniteAdvice : ConvergenceAdvice;

    /// <summary>This failure as seen by <paramref name="method"/> on <paramref name="group"/>, whose input came from <paramref name="location"/>.</summary>
    public NumericalFailureException In(string method, string group, string location, string? advice = null) =>
        new(method, group, location, Routine, Detail, Kind, advice ?? Advice, InnerException ?? this);

    private static string Format(string? method, string? group, string? location, string routine, string detail, string advice) =>
        (method is null ? "" : $"{method} on group '{group}' ({location}): ") + $"{routine} failed: {detail} — {advice}.";
}
