using OrthoRebasin.Alignment;

namespace OrthoRebasin;

/// <summary>One entry of a catalog: a manifest id, what it is, and the record type its options bind to.</summary>
public sealed record CatalogEntry(string Id, string Description, Type OptionsType);

/// <summary>
/// The ids a manifest may name (METHODS.md spells them), each with the type of its options. The manifest
/// validates against these lists; the pipeline resolves the same ids to implementations.
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<CatalogEntry> Methods { get; } =
    [
        new("identity", "Naive: B unchanged", typeof(NoOptions)),
        new("weight-matching", "Git Re-Basin weight matching: coordinate descent of LAPs over hidden layers", typeof(WeightMatchingOptions)),
        new("activation-matching", "Git Re-Basin activation matching: one LAP per hidden layer on activation correlations", typeof(ActivationMatchingOptions)),
        new("procrustes-weight", "Procrustes weight x: weight matching's coordinate descent with T = polar(C)", typeof(ProcrustesWeightOptions)),
        new("procrustes-weight-layerwise", "Procrustes weight l: one forward sweep over incoming weights", typeof(ProcrustesWeightLayerwiseOptions)),
        new("procrustes-activation", "Procrustes activation: T = polar(Z_A Z_B^T) per hidden layer", typeof(ProcrustesActivationOptions)),
        new("stiefel", "Stiefel: joint Riemannian descent of the weight distance with the Cayley retraction", typeof(StiefelOptions)),
        new("svd-weight", "svd weight: rotate B's left singular vectors onto A's", typeof(SvdWeightOptions)),
        new("whitened-procrustes", "Procrustes on weights whitened by their covariance", typeof(WhitenedProcrustesOptions)),
        new("polar", "polar decomposition M (M^T M)^(-1/2) of the layerwise Procrustes correlation", typeof(PolarOptions)),
        new("stiefel-activation", "Stiefel on activations: the Cayley optimiser of the activation distance", typeof(StiefelActivationOptions)),
        new("reflection", "one Householder reflection per hidden layer (eig or Adam)", typeof(ReflectionOptions)),
        new("residual-procrustes", "residual MLP: Q on the residual stream by Procrustes on stream activations, then weight matching of each block's hidden units given Q", typeof(ResidualProcrustesOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Paths { get; } =
    [
        new("linear", "theta(lambda) = (1 - lambda) theta_A + lambda theta_B'", typeof(NoOptions)),
        new("slerp", "spherical interpolation per tensor or row, norm interpolated or not", typeof(SlerpOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Datasets { get; } =
    [
        new("uci-digits", "UCI optical digits, 8x8 images, 10 classes, 1,797 samples (ships with the repository)", typeof(NoOptions)),
        new("mnist", "MNIST handwritten digits, 28x28 grey, 10 classes, 60,000 train / 10,000 test (IDX files in <data>/mnist/)", typeof(NoOptions)),
        new("fashion-mnist", "Fashion-MNIST clothing, 28x28 grey, 10 classes, 60,000 train / 10,000 test (IDX files in <data>/fashion-mnist/)", typeof(NoOptions)),
        new("cifar10", "CIFAR-10, 32x32 colour, 10 classes, 50,000 train / 10,000 test (binary batches in <data>/cifar10/; without test_batch.bin, test_batch_first1000.bin gives a partial 1,000-image test split)", typeof(NoOptions)),
    ];

    public static IReadOnlyList<CatalogEntry> Models { get; } =
    [
        new("mlp", "Multilayer perceptron, ReLU hidden layers, no normalisation", typeof(NoOptions)),
        new("residual-mlp", "Residual MLP: embedding, blocks h + U relu(V rms(h) + a) + c on an RMSNorm-ed stream (no gain), head on rms(h_K)", typeof(NoOptions)),
    ];

    // The study's orthogonal methods give every group an orthogonal transform. On a residual MLP that includes the
    // blocks' hidden units, where relu makes a rotation change the function; the exact orthogonal method there is
    // residual-procrustes, which rotates only the stream.
    private const string RotatesHiddenUnits =
        "it gives every symmetry group an orthogonal transform, including the blocks' hidden units (permutation groups: relu does not commute with a rotation), " +
        "so B' would not compute B's function; on residual-mlp use residual-procrustes, which rotates only the residual stream";

    private static readonly IReadOnlyDictionary<(string Method, string Model), string> _unsupported = new Dictionary<(string, string), string>
    {
        [("procrustes-weight", "residual-mlp")] = RotatesHiddenUnits,
        [("procrustes-weight-layerwise", "residual-mlp")] = RotatesHiddenUnits,
        [("procrustes-activation", "residual-mlp")] = RotatesHiddenUnits,
        [("stiefel", "residual-mlp")] = RotatesHiddenUnits,
        [("svd-weight", "residual-mlp")] = RotatesHiddenUnits,
        [("whitened-procrustes", "residual-mlp")] = RotatesHiddenUnits,
        [("polar", "residual-mlp")] = RotatesHiddenUnits,
        [("stiefel-activation", "residual-mlp")] = RotatesHiddenUnits,
        [("reflection", "residual-mlp")] = RotatesHiddenUnits,
        [("residual-procrustes", "mlp")] = "it needs an orthogonal symmetry group on a residual stream, and an mlp has only permutation groups of hidden units",
    };

    /// <summary>Why <paramref name="method"/> cannot run on <paramref name="model"/>, or null when it can (the manifest rejects such a pair).</summary>
    public static string? WhyUnsupported(string method, string model) => _unsupported.GetValueOrDefault((method, model));

    public static CatalogEntry? Find(IReadOnlyList<CatalogEntry> catalog, string id) =>
        catalog.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
