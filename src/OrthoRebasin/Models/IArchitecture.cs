using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// A model as a pure function of a parameter set. Alignment methods see only <see cref="Symmetry"/> and
/// <see cref="GroupActivations"/>, never the architecture itself.
/// </summary>
public interface IArchitecture
{
    /// <summary>The registered id, e.g. <c>mlp</c>.</summary>
    string Id { get; }

    SymmetrySpec Symmetry { get; }

    /// <summary>Fresh parameters drawn from the architecture's initialisation with <paramref name="generator"/>.</summary>
    ParameterSet Initialize(Generator generator, Device device);

    /// <summary>Logits (n × classes) for inputs (n × features), in evaluation mode: normalisation uses its running statistics.</summary>
    Tensor Forward(ParameterSet parameters, Tensor inputs);

    /// <summary>
    /// Logits in training mode: a BatchNorm layer normalises with the batch's own statistics and moves its running
    /// statistics (<see cref="Statistics"/>) towards them in place, by <paramref name="momentum"/>
    /// (running ← (1 − momentum)·running + momentum·batch, the batch variance unbiased, as PyTorch). For models without
    /// running statistics it is <see cref="Forward"/>.
    /// </summary>
    Tensor ForwardTraining(ParameterSet parameters, Tensor inputs, double momentum = BatchNormMomentum) => Forward(parameters, inputs);

    /// <summary>PyTorch's default momentum of BatchNorm's running statistics.</summary>
    const double BatchNormMomentum = 0.1;

    /// <summary>
    /// The entries of the parameter set that are running statistics (BatchNorm's running mean and variance), not trained:
    /// the optimiser never sees them, alignment moves them with their channels but never matches on them, and
    /// interpolation treats them as it treats weights until a reset recomputes them. Empty for models without any.
    /// </summary>
    IReadOnlyCollection<string> Statistics => [];

    /// <summary>Samples per forward pass when evaluating (a convolutional network's activations bound it, an MLP's hardly).</summary>
    int EvaluationBatchSize => 4096;

    /// <summary>
    /// Samples per slice when a method streams activation statistics (<see cref="GroupActivations"/> of every group at
    /// once for a slice, A and B alike); a fixed sample no larger is taken whole, as it always was for the MLPs.
    /// </summary>
    int ActivationSliceSize => EvaluationBatchSize;

    /// <summary>For every symmetry group, the activations of its units: (n × group size).</summary>
    IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind);

    /// <summary>
    /// The layers a correction after interpolation renormalises, input side first: hidden layers whose pre-activation is
    /// an affine map of the layer's input (docs/METHODS.md §4). Layers not listed (the output layer, a residual stream)
    /// are never corrected.
    /// </summary>
    IReadOnlyList<CorrectableLayer> CorrectableLayers { get; }

    /// <summary>
    /// The output of <see cref="CorrectableLayers"/>[<paramref name="layer"/>] for inputs (n × features) as rows, one per
    /// observation of its units (<see cref="UnitRows"/>), every layer computed with <paramref name="parameters"/> as they are.
    /// </summary>
    Tensor PreActivation(ParameterSet parameters, Tensor inputs, int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, CorrectableLayers.Count);
        Tensor? rows = null;
        using (var logits = ForwardCorrecting(parameters, inputs, (l, z) =>
        {
            if (l == layer)
            {
                rows = UnitRows(z).clone().DetachFromDisposeScope();
            }

            return false;
        }))
        {
            return rows!;
        }
    }

    /// <summary>
    /// The forward pass in evaluation mode with <paramref name="atCorrectable"/> called, in order, on the output z of every
    /// layer in <see cref="CorrectableLayers"/> (its index and z, units on axis 1: n × units, or n × C × H × W). When it
    /// returns true it has replaced that layer's weight or bias in <paramref name="parameters"/>, and the pass recomputes z
    /// from them before going on, so one pass corrects every layer with the layers before it already corrected. Returns
    /// the logits.
    /// </summary>
    Tensor ForwardCorrecting(ParameterSet parameters, Tensor inputs, Func<int, Tensor, bool> atCorrectable);

    /// <summary>A layer's output z as one row per observation of its units (n × d as it is; n × C × H × W as n·H·W × C).</summary>
    static Tensor UnitRows(Tensor z) => z.dim() == 2 ? z : z.movedim([1L], [z.dim() - 1]).reshape(-1, z.shape[1]);

    /// <summary>A one-line description for reports (e.g. <c>mlp 64-128-128-10</c>).</summary>
    string Describe();
}
