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

/// <summary>Options of <c>procrustes-weight</c>: the orthogonal analogue of weight matching.</summary>
public sealed record ProcrustesWeightOptions
{
    public int MaxIter { get; init; } = 100;

    /// <summary>Stop when a sweep raises the total correlation by less than this fraction.</summary>
    public double Tol { get; init; } = 1e-6;

    /// <summary>Rank threshold of the Procrustes solution (METHODS.md §2).</summary>
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Options of <c>procrustes-weight-layerwise</c>: one forward sweep over incoming weights.</summary>
public sealed record ProcrustesWeightLayerwiseOptions
{
    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Options of <c>procrustes-activation</c>.</summary>
public sealed record ProcrustesActivationOptions
{
    public ActivationKind Activations { get; init; } = ActivationKind.Post;

    public bool Center { get; init; }

    /// <summary>B's activations of layer l are computed with layers &lt; l already transformed (what B' computes).</summary>
    public bool Sequential { get; init; } = true;

    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Where the Cayley optimiser of the Stiefel methods starts.</summary>
public enum StiefelInit
{
    Identity,
    ProcrustesWeight,
}

/// <summary>Options of <c>stiefel</c>: Riemannian gradient descent on O(d) with the Cayley retraction.</summary>
public sealed record StiefelOptions
{
    public StiefelInit Init { get; init; } = StiefelInit.Identity;

    /// <summary>Attempted steps (a rejected step counts).</summary>
    public int Steps { get; init; } = 100;

    /// <summary>The initial step τ of the Cayley retraction; halved whenever a step would raise the objective, never grown.</summary>
    public double Lr { get; init; } = 1.0;

    /// <summary>Stop when the relative decrease of the objective in a step is below this.</summary>
    public double Tol { get; init; } = 1e-6;
}

/// <summary>Options of <c>stiefel-activation</c>: the Cayley optimiser on the activation objective.</summary>
public sealed record StiefelActivationOptions
{
    public StiefelInit Init { get; init; } = StiefelInit.Identity;

    public int Steps { get; init; } = 100;

    public double Lr { get; init; } = 1.0;

    public double Tol { get; init; } = 1e-6;

    public ActivationKind Activations { get; init; } = ActivationKind.Post;
}

/// <summary>Whether <c>svd-weight</c> flips B's singular vectors to point like A's.</summary>
public enum SignFix
{
    None,
    Match,
}

/// <summary>Options of <c>svd-weight</c>.</summary>
public sealed record SvdWeightOptions
{
    public SignFix SignFix { get; init; } = SignFix.None;

    /// <summary>Use only the k dominant singular vectors; 0 uses all.</summary>
    public int Rank { get; init; }

    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Options of <c>whitened-procrustes</c>.</summary>
public sealed record WhitenedProcrustesOptions
{
    /// <summary>Floor of the eigenvalues of C_W before the inverse square root.</summary>
    public double Eps { get; init; } = 1e-8;

    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Options of <c>polar</c>.</summary>
public sealed record PolarOptions
{
    /// <summary>Floor of the eigenvalues of MᵀM, relative to the largest; 0 reproduces the seed's breakdown on rank-deficient M.</summary>
    public double Eps { get; init; } = 1e-12;
}

/// <summary>How <c>reflection</c> finds its Householder vector.</summary>
public enum ReflectionSolver
{
    Eig,
    Adam,
}

/// <summary>What <c>reflection</c> matches.</summary>
public enum ReflectionTarget
{
    Weights,
    Activations,
}

/// <summary>Options of <c>reflection</c>: one Householder reflection per hidden layer.</summary>
public sealed record ReflectionOptions
{
    public ReflectionSolver Solver { get; init; } = ReflectionSolver.Eig;

    public ReflectionTarget On { get; init; } = ReflectionTarget.Weights;

    /// <summary>Adam steps (solver adam).</summary>
    public int Steps { get; init; } = 500;

    /// <summary>Adam learning rate (solver adam).</summary>
    public double Lr { get; init; } = 1e-2;

    public ActivationKind Activations { get; init; } = ActivationKind.Post;
}

/// <summary>Which residual-stream activations <c>residual-procrustes</c> matches.</summary>
public enum StreamActivations
{
    /// <summary>h_0 only, right after the embedding.</summary>
    Embedding,

    /// <summary>h_0, h_1, ..., h_K stacked along the samples: one Q must fit every depth, as it does in B'.</summary>
    All,
}

/// <summary>Options of <c>residual-procrustes</c>.</summary>
public sealed record ResidualProcrustesOptions
{
    public StreamActivations Stream { get; init; } = StreamActivations.All;

    public double Rtol { get; init; } = Procrustes.DefaultRtol;
}

/// <summary>Whether slerp interpolates the norm (the seed's fix) or keeps unit directions (the seed's Figure 5).</summary>
public enum SlerpNorm
{
    Interpolate,
    None,
}

/// <summary>Whether slerp treats each tensor as one vector or each row separately.</summary>
public enum SlerpPer
{
    Tensor,
    Row,
}

/// <summary>Options of the <c>slerp</c> path (METHODS.md §4).</summary>
public sealed record SlerpOptions
{
    public SlerpNorm Norm { get; init; } = SlerpNorm.Interpolate;

    public SlerpPer Per { get; init; } = SlerpPer.Tensor;
}
