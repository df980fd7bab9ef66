using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// Residual MLP with RMSNorm and no learned gain (docs/METHODS.md §1):
/// h_0 = E x + e,  h_k = h_{k-1} + U_k relu(V_k rms(h_{k-1}) + a_k) + c_k,  logits = H rms(h_K) + g,
/// rms(h) = h / sqrt(mean(h²) + eps) with eps = <see cref="RmsEps"/>.
/// Since rms(Q h) = Q rms(h) for orthogonal Q, one orthogonal group <c>Q_res</c> on the stream and one permutation
/// group <c>P_k</c> per block's hidden units are exact symmetries. Parameters are named as a PyTorch module would name
/// them: <c>embed.*</c>, <c>blocks.{k-1}.in.*</c> (V_k, a_k), <c>blocks.{k-1}.out.*</c> (U_k, c_k), <c>head.*</c>.
/// </summary>
public sealed class ResidualMlp : IArchitecture
{
    /// <summary>The eps of rms(h); inside the square root, where a rotation leaves mean(h²) unchanged, so it keeps the symmetry exact.</summary>
    public const double RmsEps = 1e-6;

    /// <summary>The orthogonal group of the residual stream.</summary>
    public const string StreamGroup = "Q_res";

    private readonly int _inputSize;
    private readonly int _classes;

    public ResidualMlp(int inputSize, int width, int blocks, int blockHidden, int classes)
    {
        if (inputSize < 1 || width < 1 || blocks < 1 || blockHidden < 1 || classes < 1)
        {
            throw new ArgumentException($"Every size must be at least 1 (input {inputSize}, width {width}, blocks {blocks}, block_hidden {blockHidden}, classes {classes}).");
        }

        _inputSize = inputSize;
        _classes = classes;
        Width = width;
        Blocks = blocks;
        BlockHidden = blockHidden;
        Symmetry = BuildSymmetry();
    }

    public string Id => "residual-mlp";

    public SymmetrySpec Symmetry { get; }

    /// <summary>Width D of the residual stream.</summary>
    public int Width { get; }

    /// <summary>Number K of residual blocks.</summary>
    public int Blocks { get; }

    /// <summary>Width of each block's hidden layer.</summary>
    public int BlockHidden { get; }

    /// <summary>The permutation group of block k's hidden units, k = 1..K.</summary>
    public static string BlockGroup(int block) => $"P_{block}";

    /// <summary>Parameter names of block k (1-based, as in docs/METHODS.md; the module list counts from 0).</summary>
    public static string InWeight(int block) => $"blocks.{block - 1}.in.weight";

    public static string InBias(int block) => $"blocks.{block - 1}.in.bias";

    public static string OutWeight(int block) => $"blocks.{block - 1}.out.weight";

    public static string OutBias(int block) => $"blocks.{block - 1}.out.bias";

    /// <summary>The learned RMSNorm gain a PyTorch residual MLP may carry before block k (0-based in the name).</summary>
    public static string BlockGain(int block) => $"blocks.{block - 1}.norm.weight";

    /// <summary>The learned gain of the final RMSNorm, before the head.</summary>
    public const string HeadGain = "norm.weight";

    /// <summary>PyTorch's nn.Linear default for every linear map: weight and bias ~ U(−1/√fan_in, 1/√fan_in).</summary>
    public ParameterSet Initialize(Generator generator, Device device)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        void Linear(string name, int output, int input)
        {
            using var scope = NewDisposeScope();
            var bound = 1.0 / Math.Sqrt(input);
            var weight = (rand(output, input, generator: generator) * (2 * bound) - bound).to(device);
            var bias = (rand(output, generator: generator) * (2 * bound) - bound).to(device);
            entries.Add(new($"{name}.weight", weight.MoveToOuterDisposeScope()));
            entries.Add(new($"{name}.bias", bias.MoveToOuterDisposeScope()));
        }

        Linear("embed", Width, _inputSize);
        for (var k = 1; k <= Blocks; k++)
        {
            Linear($"blocks.{k - 1}.in", BlockHidden, Width);
            Linear($"blocks.{k - 1}.out", Width, BlockHidden);
        }
        Linear("head", _classes, Width);
        return new ParameterSet(entries);
    }

    public Tensor Forward(ParameterSet parameters, Tensor inputs)
    {
        RejectGains(parameters);
        using var scope = NewDisposeScope();
        var h = Embed(parameters, inputs);
        for (var k = 1; k <= Blocks; k++)
        {
            h = h + BlockOutput(parameters, k, BlockPreActivation(parameters, k, h));
        }

        return Head(parameters, h).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <c>P_k</c>: block k's hidden units (pre- or post-relu). <c>Q_res</c>: the stream h_0, ..., h_K stacked along the
    /// samples ((K + 1)·n × D), and each depth alone under <see cref="StreamDepth.At"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind)
    {
        RejectGains(parameters);
        var result = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope();
        var h = Embed(parameters, inputs);
        var stream = new List<Tensor> { h };
        for (var k = 1; k <= Blocks; k++)
        {
            var z = BlockPreActivation(parameters, k, h);
            result[BlockGroup(k)] = (kind == ActivationKind.Pre ? z : nn.functional.relu(z)).MoveToOuterDisposeScope();
            h = h + BlockOutput(parameters, k, z);
            stream.Add(h);
        }
        for (var depth = 0; depth <= Blocks; depth++)
        {
            result[StreamDepth.At(StreamGroup, depth)] = stream[depth].MoveToOuterDisposeScope();
        }

        result[StreamGroup] = cat(stream, 0).MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>The blocks' hidden units V_k rms(h_{k-1}) + a_k, k = 1..K (<c>blocks.{k-1}.in</c>); the stream is not corrected.</summary>
    public IReadOnlyList<CorrectableLayer> CorrectableLayers =>
        [.. Enumerable.Range(1, Blocks).Select(k => new CorrectableLayer(InWeight(k), InBias(k)))];

    public Tensor ForwardCorrecting(ParameterSet parameters, Tensor inputs, Func<int, Tensor, bool> atCorrectable)
    {
        RejectGains(parameters);
        using var scope = NewDisposeScope();
        var h = Embed(parameters, inputs);
        for (var k = 1; k <= Blocks; k++)
        {
            var z = BlockPreActivation(parameters, k, h);
            if (atCorrectable(k - 1, z))
            {
                z = BlockPreActivation(parameters, k, h);
            }

            h = h + BlockOutput(parameters, k, z);
        }

        return Head(parameters, h).MoveToOuterDisposeScope();
    }

    public string Describe() => $"residual-mlp {_inputSize}-{Width}x{Blocks}(block {BlockHidden})-{_classes}";

    /// <summary>rms(h) = h / sqrt(mean(h²) + eps) over the stream's features, no gain.</summary>
    public static Tensor Rms(Tensor h) =>
        h * (h.square().mean([-1L], keepdim: true) + RmsEps).rsqrt();

    /// <summary>
    /// The same function without learned RMSNorm gains: a gain γ before block k is folded into V_k (V_k diag(γ)), the
    /// final one into the head (H diag(γ)). A gain breaks the stream's rotation symmetry (diag(γ) Q ≠ Q diag(γ)); folded,
    /// it is part of a linear map that Q acts on from the right. Returns a new set; parameters without a gain are copied.
    /// </summary>
    public ParameterSet FoldGains(ParameterSet parameters)
    {
        var gains = Enumerable.Range(1, Blocks).Select(k => (Gain: BlockGain(k), Weight: InWeight(k)))
            .Append((Gain: HeadGain, Weight: "head.weight"))
            .Where(g => parameters.Contains(g.Gain))
            .ToDictionary(g => g.Weight, g => g.Gain);
        var folded = parameters.Entries
            .Where(e => !gains.ContainsValue(e.Key))
            .Select(e =>
            {
                using var scope = NewDisposeScope();
                var tensor = e.Value.detach();
                var result = gains.TryGetValue(e.Key, out var gain) ? tensor * parameters[gain].detach().unsqueeze(0) : tensor.clone();
                return KeyValuePair.Create(e.Key, result.MoveToOuterDisposeScope());
            });
        return new ParameterSet(folded);
    }

    private void RejectGains(ParameterSet parameters)
    {
        var gain = Enumerable.Range(1, Blocks).Select(BlockGain).Append(HeadGain).FirstOrDefault(parameters.Contains);
        if (gain is not null)
        {
            throw new ArgumentException(
                $"Parameter '{gain}' is a learned RMSNorm gain. A gain breaks the residual stream's rotation symmetry, and this model has none: " +
                $"fold it into the next linear layer first with {nameof(ResidualMlp)}.{nameof(FoldGains)}, which computes the same function.");
        }
    }

    private static Tensor Embed(ParameterSet p, Tensor x) => nn.functional.linear(x, p["embed.weight"], p["embed.bias"]);

    private static Tensor BlockPreActivation(ParameterSet p, int k, Tensor h) => nn.functional.linear(Rms(h), p[InWeight(k)], p[InBias(k)]);

    private static Tensor BlockOutput(ParameterSet p, int k, Tensor z) => nn.functional.linear(nn.functional.relu(z), p[OutWeight(k)], p[OutBias(k)]);

    private static Tensor Head(ParameterSet p, Tensor h) => nn.functional.linear(Rms(h), p["head.weight"], p["head.bias"]);

    private SymmetrySpec BuildSymmetry()
    {
        var groups = new List<SymmetryGroup> { new(StreamGroup, GroupKind.Orthogonal, Width) };
        var axes = new Dictionary<string, IReadOnlyList<string?>>
        {
            ["embed.weight"] = [StreamGroup, null],
            ["embed.bias"] = [StreamGroup],
        };
        for (var k = 1; k <= Blocks; k++)
        {
            var block = BlockGroup(k);
            groups.Add(new SymmetryGroup(block, GroupKind.Permutation, BlockHidden));
            axes[InWeight(k)] = [block, StreamGroup];
            axes[InBias(k)] = [block];
            axes[OutWeight(k)] = [StreamGroup, block];
            axes[OutBias(k)] = [StreamGroup];
        }
        axes["head.weight"] = [null, StreamGroup];
        axes["head.bias"] = [null];
        return new SymmetrySpec(groups, axes);
    }
}
