namespace OrthoRebasin.Alignment;

/// <summary>Options of a method that takes none; a manifest that gives it any is rejected.</summary>
public sealed record NoOptions;

/// <summary>Options of <c>weight-matching</c> (METHODS.md §3).</summary>
public sealed record WeightMatchingOptions
{
    /// <summary>Upper bound on coordinate-descent sweeps over the hidden layers.</summary>
    public int MaxIter { get; init; } = 100;
}

/// <summary>Which activations activation-based methods match (METHODS.md §2).</summary>
public enum ActivationKind
{
    /// <summary>After the nonlinearity, <c>relu(z)</c>.</summary>
    Post,

    /// <summary>Before the nonlinearity, <c>z</c>.</summary>
    Pre,
}

/// <summary>Options of <c>activation-matching</c> (METHODS.md §3).</summary>
public sealed record ActivationMatchingOptions
{
    public ActivationKind Activations { get; init; } = ActivationKind.Post;

    /// <summary>Subtract each unit's mean over the samples before forming the correlation.</summary>
    public bool Center { get; init; }
}
