using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Alignment;

/// <summary>
/// What a method does, as far as the rest of the pipeline needs to know: which transform it puts on each kind of group,
/// whether it needs activations, and which kind of group a model must have for it to apply. Compatibility with a model
/// (<see cref="MethodCompatibility"/>) and the family a method is drawn in follow from these, never from a table.
/// </summary>
public sealed record MethodTraits
{
    public required GroupAction Action { get; init; }

    /// <summary>The method asks the problem for activations on the fixed training subset.</summary>
    public bool NeedsActivations { get; init; }

    /// <summary>A group kind the model must have at least one of (residual-procrustes rotates a residual stream).</summary>
    public GroupKind? Requires { get; init; }

    /// <summary>
    /// What the method chooses arbitrarily where the mathematics leaves a choice (svd-weight: the sign of each singular
    /// vector), or null when nothing is. A method with a convention reads <see cref="AlignmentProblem.ConventionDraw"/>:
    /// 0 is its canonical choice, k ≥ 1 the k-th seeded random one, so the pipeline can report the spread the choice
    /// causes (<c>convention_draws</c> in a recipe; docs/METHODS.md §5).
    /// </summary>
    public string? Convention { get; init; }

    /// <summary>B' computes B's function on every model the method runs on.</summary>
    public bool Exact => Action != GroupAction.Rotations;
}
