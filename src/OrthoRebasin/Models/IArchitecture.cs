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

    /// <summary>Logits (n × classes) for inputs (n × features).</summary>
    Tensor Forward(ParameterSet parameters, Tensor inputs);

    /// <summary>For every symmetry group, the activations of its units: (n × group size).</summary>
    IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind);

    /// <summary>
    /// The layers a correction after interpolation renormalises, input side first: hidden layers whose pre-activation is
    /// an affine map of the layer's input (docs/METHODS.md §4). Layers not listed (the output layer, a residual stream)
    /// are never corrected.
    /// </summary>
    IReadOnlyList<CorrectableLayer> CorrectableLayers { get; }

    /// <summary>
    /// The pre-activation (n × units) of <see cref="CorrectableLayers"/>[<paramref name="layer"/>] for inputs
    /// (n × features), every layer before it computed with <paramref name="parameters"/> as they are.
    /// </summary>
    Tensor PreActivation(ParameterSet parameters, Tensor inputs, int layer);

    /// <summary>A one-line description for reports (e.g. <c>mlp 64-128-128-10</c>).</summary>
    string Describe();
}
