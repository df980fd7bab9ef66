namespace OrthoRebasin.Alignment;

/// <summary>What a method puts on the symmetry groups of a model: the trait that decides whether B' computes B's function.</summary>
public enum GroupAction
{
    /// <summary>The identity on every group (B unchanged).</summary>
    None,

    /// <summary>A permutation on every group; an orthogonal group gets its permutation subgroup. Exact on every model.</summary>
    Permutations,

    /// <summary>A permutation on permutation groups and a rotation on orthogonal groups. Exact on every model.</summary>
    ByGroupKind,

    /// <summary>
    /// A rotation on every group, permutation groups included, where a rotation does not commute with the nonlinearity:
    /// B' is a different function (the orthogonal re-basin of the study).
    /// </summary>
    Rotations,
}
