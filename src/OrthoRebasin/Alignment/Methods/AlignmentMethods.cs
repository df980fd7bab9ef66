namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// The alignment methods a manifest may name: one registration line each (docs/METHODS.md §3). A method added elsewhere
/// (a test, a notebook) registers with <c>AlignmentMethods.Registry.Register(MethodEntry.Of&lt;TOptions&gt;(...))</c>.
/// </summary>
public static class AlignmentMethods
{
    private static readonly MethodTraits Identity = new() { Action = GroupAction.None };
    private static readonly MethodTraits Permutations = new() { Action = GroupAction.Permutations };
    private static readonly MethodTraits Rotations = new() { Action = GroupAction.Rotations };

    public static Registry<MethodEntry> Registry { get; } = new("method",
    [
        MethodEntry.Of<NoOptions>("identity", "Naive: B unchanged", Identity, _ => new IdentityAlignment()),
        MethodEntry.Of<WeightMatchingOptions>("weight-matching", "Git Re-Basin weight matching: coordinate descent of LAPs over hidden layers", Permutations, o => new WeightMatching(o)),
        MethodEntry.Of<ActivationMatchingOptions>("activation-matching", "Git Re-Basin activation matching: one LAP per hidden layer on activation correlations", Permutations with { NeedsActivations = true }, o => new ActivationMatching(o)),
        MethodEntry.Of<ProcrustesWeightOptions>("procrustes-weight", "Procrustes weight x: weight matching's coordinate descent with T = polar(C)", Rotations, o => new ProcrustesWeight(o)),
        MethodEntry.Of<ProcrustesWeightLayerwiseOptions>("procrustes-weight-layerwise", "Procrustes weight l: one forward sweep over incoming weights", Rotations, o => new ProcrustesWeightLayerwise(o)),
        MethodEntry.Of<ProcrustesActivationOptions>("procrustes-activation", "Procrustes activation: T = polar(Z_A Z_B^T) per hidden layer", Rotations with { NeedsActivations = true }, o => new ProcrustesActivation(o)),
        MethodEntry.Of<StiefelOptions>("stiefel", "Stiefel: joint Riemannian descent of the weight distance with the Cayley retraction", Rotations, o => new StiefelAlignment(o)),
        MethodEntry.Of<SvdWeightOptions>("svd-weight", "svd weight: rotate B's left singular vectors onto A's",
            Rotations with { Convention = "the sign of each singular vector" }, o => new SvdWeight(o)),
        MethodEntry.Of<WhitenedProcrustesOptions>("whitened-procrustes", "Procrustes on weights whitened by their covariance", Rotations, o => new WhitenedProcrustes(o)),
        MethodEntry.Of<PolarOptions>("polar", "polar decomposition M (M^T M)^(-1/2) of the layerwise Procrustes correlation", Rotations, o => new PolarAlignment(o)),
        MethodEntry.Of<StiefelActivationOptions>("stiefel-activation", "Stiefel on activations: the Cayley optimiser of the activation distance", Rotations with { NeedsActivations = true }, o => new StiefelActivation(o)),
        MethodEntry.Of<ReflectionOptions>("reflection", "one Householder reflection per hidden layer (eig or Adam), on weights or activations", Rotations with { NeedsActivations = true }, o => new ReflectionAlignment(o)),
        MethodEntry.Of<ResidualProcrustesOptions>("residual-procrustes", "residual MLP: Q on the residual stream by Procrustes on stream activations, then weight matching of each block's hidden units given Q",
            new() { Action = GroupAction.ByGroupKind, NeedsActivations = true, Requires = Symmetry.GroupKind.Orthogonal }, o => new ResidualProcrustes(o)),
    ]);
}
