using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// Multilayer perceptron (docs/METHODS.md §1): z_l = W_l h_{l-1} + b_l, h_l = relu(z_l) for hidden layers, logits z_L.
/// Parameters are named <c>layers.{i}.weight</c> / <c>layers.{i}.bias</c> as in a PyTorch nn.ModuleList; hidden
/// layer l (1-based) carries the permutation group <c>P_l</c>.
/// </summary>
public sealed class Mlp : IArchitecture
{
    private readonly int[] _widths;

    public Mlp(int inputSize, IReadOnlyList<int> hidden, int classes)
    {
        if (inputSize < 1 || classes < 1 || hidden.Any(h => h < 1))
        {
            throw new ArgumentException($"Every layer width must be at least 1 (input {inputSize}, hidden [{string.Join(", ", hidden)}], classes {classes}).");
        }

        _widths = [inputSize, .. hidden, classes];
        Symmetry = BuildSymmetry();
    }

    public string Id => "mlp";

    public SymmetrySpec Symmetry { get; }

    /// <summary>Number of linear layers L.</summary>
    public int Depth => _widths.Length - 1;

    public IReadOnlyList<int> Widths => _widths;

    public static string GroupName(int hiddenLayer) => $"P_{hiddenLayer}";

    public static string WeightName(int layer) => $"layers.{layer}.weight";

    public static string BiasName(int layer) => $"layers.{layer}.bias";

    /// <summary>PyTorch's nn.Linear default: weight and bias ~ U(−1/√fan_in, 1/√fan_in).</summary>
    public ParameterSet Initialize(Generator generator, Device device)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        for (var layer = 0; layer < Depth; layer++)
        {
            using var scope = NewDisposeScope();
            var fanIn = _widths[layer];
            var bound = 1.0 / Math.Sqrt(fanIn);
            var weight = (rand(_widths[layer + 1], fanIn, generator: generator) * (2 * bound) - bound).to(device);
            var bias = (rand(_widths[layer + 1], generator: generator) * (2 * bound) - bound).to(device);
            entries.Add(new(WeightName(layer), weight.MoveToOuterDisposeScope()));
            entries.Add(new(BiasName(layer), bias.MoveToOuterDisposeScope()));
        }
        return new ParameterSet(entries);
    }

    public Tensor Forward(ParameterSet parameters, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var h = inputs;
        for (var layer = 0; layer < Depth; layer++)
        {
            var z = nn.functional.linear(h, parameters[WeightName(layer)], parameters[BiasName(layer)]);
            h = layer < Depth - 1 ? nn.functional.relu(z) : z;
        }
        return h.MoveToOuterDisposeScope();
    }

    public IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind)
    {
        var result = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope();
        var h = inputs;
        for (var layer = 0; layer < Depth - 1; layer++)
        {
            var z = nn.functional.linear(h, parameters[WeightName(layer)], parameters[BiasName(layer)]);
            h = nn.functional.relu(z);
            result[GroupName(layer + 1)] = (kind == ActivationKind.Pre ? z : h).MoveToOuterDisposeScope();
        }
        return result;
    }

    /// <summary>The hidden layers 0..L−2 (<c>layers.{l}</c>); the output layer is not corrected.</summary>
    public IReadOnlyList<CorrectableLayer> CorrectableLayers =>
        [.. Enumerable.Range(0, Depth - 1).Select(layer => new CorrectableLayer(WeightName(layer), BiasName(layer)))];

    public Tensor ForwardCorrecting(ParameterSet parameters, Tensor inputs, Func<int, Tensor, bool> atCorrectable)
    {
        using var scope = NewDisposeScope();
        var h = inputs;
        for (var layer = 0; layer < Depth; layer++)
        {
            var z = nn.functional.linear(h, parameters[WeightName(layer)], parameters[BiasName(layer)]);
            if (layer < Depth - 1 && atCorrectable(layer, z))
            {
                z = nn.functional.linear(h, parameters[WeightName(layer)], parameters[BiasName(layer)]);
            }

            h = layer < Depth - 1 ? nn.functional.relu(z) : z;
        }

        return h.MoveToOuterDisposeScope();
    }

    public string Describe() => $"mlp {string.Join("-", _widths)}";

    private SymmetrySpec BuildSymmetry()
    {
        var groups = Enumerable.Range(1, Depth - 1).Select(l => new SymmetryGroup(GroupName(l), GroupKind.Permutation, _widths[l])).ToList();
        var axes = new Dictionary<string, IReadOnlyList<string?>>();
        for (var layer = 0; layer < Depth; layer++)
        {
            string? output = layer < Depth - 1 ? GroupName(layer + 1) : null;
            string? input = layer > 0 ? GroupName(layer) : null;
            axes[WeightName(layer)] = [output, input];
            axes[BiasName(layer)] = [output];
        }
        return new SymmetrySpec(groups, axes);
    }
}
