using OrthoRebasin.Data;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// The CIFAR ResNet-20 (docs/METHODS.md §1): a 3×3 convolution to 16·w channels, normalisation, ReLU; three stages of
/// three blocks with 16·w, 32·w and 64·w channels, the first block of stages 2 and 3 halving the image (stride 2);
/// global average pooling and one linear layer. A block computes relu(n₂(c₂(relu(n₁(c₁(x))))) + s(x)), where the
/// shortcut s is the identity, or a convolution of stride 2 and its normalisation where the block changes the shape.
/// Convolutions have no bias (the normalisation shifts). Parameters are named as the CIFAR ResNets of REPAIR's code
/// release name them: <c>conv1</c>, <c>bn1</c>, <c>layer{s}.{b}.conv1|bn1|conv2|bn2</c>, <c>layer{s}.{b}.shortcut.0|1</c>,
/// <c>linear</c>; its LayerNorm variant keeps the <c>bn</c> names, and so does this one.
/// <para>
/// Symmetries: each block's hidden channels carry a permutation group <c>P_layer{s}.{b}</c>; each stage's residual
/// stream one group <c>P_layer{s}</c>, tied through the identity shortcuts from the stage's first block output (the stem's
/// output for stage 1) to its last. Normalisation scales are per channel, so only permutations act on any group.
/// </para>
/// </summary>
public sealed class ResNet : IArchitecture
{
    /// <summary>Blocks per stage (ResNet-20: 3 × 3 blocks × 2 convolutions + stem + head = 20 layers).</summary>
    public const int BlocksPerStage = 3;

    private static readonly int[] StageChannels = [16, 32, 64];

    private readonly ImageShape _shape;
    private readonly int _classes;
    private readonly List<Block> _blocks = [];
    private readonly List<Layer> _normalised = [];

    public ResNet(ImageShape shape, double width, Normalisation normalisation, int shortcutKernel, int classes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (normalisation == Normalisation.None)
        {
            throw new ArgumentException("a resnet20 needs a normalisation, batchnorm or layernorm (without one it does not train at this depth)");
        }

        if (shortcutKernel is not (1 or 3))
        {
            throw new ArgumentException($"a resnet20's shortcut convolution is 1×1 or 3×3, not {shortcutKernel}×{shortcutKernel}");
        }

        if (width <= 0 || classes < 1)
        {
            throw new ArgumentException($"A resnet20 needs a positive width and at least one class (width {width}, classes {classes}).");
        }

        _shape = shape;
        _classes = classes;
        Width = width;
        Normalisation = normalisation;
        ShortcutKernel = shortcutKernel;
        _normalised.Add(new Layer("conv1", "bn1", StreamGroup(1)));
        Stem = ConvLayers.Scaled(StageChannels[0], width);
        var input = Stem;
        for (var s = 1; s <= StageChannels.Length; s++)
        {
            var channels = ConvLayers.Scaled(StageChannels[s - 1], width);
            for (var b = 0; b < BlocksPerStage; b++)
            {
                var module = $"layer{s}.{b}";
                var stride = s > 1 && b == 0 ? 2 : 1;
                var shortcut = stride != 1 || input != channels;
                var block = new Block(module, s, b, stride, input, channels, shortcut);
                _blocks.Add(block);
                _normalised.Add(new Layer($"{module}.conv1", $"{module}.bn1", BlockGroup(s, b)));
                _normalised.Add(new Layer($"{module}.conv2", $"{module}.bn2", StreamGroup(s)));
                if (shortcut)
                {
                    _normalised.Add(new Layer($"{module}.shortcut.0", $"{module}.shortcut.1", StreamGroup(s)));
                }

                input = channels;
            }
        }

        Symmetry = BuildSymmetry();
    }

    public string Id => "resnet20";

    public SymmetrySpec Symmetry { get; }

    /// <summary>Width multiplier: the stages have round(16·w), round(32·w), round(64·w) channels (at least 1).</summary>
    public double Width { get; }

    /// <summary>Channels of the stem and of stage 1.</summary>
    public int Stem { get; }

    public Normalisation Normalisation { get; }

    public int ShortcutKernel { get; }

    /// <summary>The permutation group of stage <paramref name="stage"/>'s residual stream (1-based).</summary>
    public static string StreamGroup(int stage) => $"P_layer{stage}";

    /// <summary>The permutation group of the hidden channels of block <paramref name="block"/> (0-based) of stage <paramref name="stage"/>.</summary>
    public static string BlockGroup(int stage, int block) => $"P_layer{stage}.{block}";

    public IReadOnlyCollection<string> Statistics => [.. _normalised.SelectMany(l => ConvLayers.StatisticsOf(l.Norm, Normalisation))];

    public int EvaluationBatchSize => ConvLayers.BatchFor((long)Stem * _shape.Height * _shape.Width);

    /// <summary>From every block's hidden channels and the stream after the stem and each block, the activations <see cref="GroupActivations"/> returns per sample.</summary>
    public int ActivationSliceSize
    {
        get
        {
            var (height, width) = (_shape.Height, _shape.Width);
            var floats = (long)Stem * height * width;
            foreach (var block in _blocks)
            {
                if (block.Stride == 2)
                {
                    (height, width) = (ConvLayers.Halved(height), ConvLayers.Halved(width));
                }

                floats += 2L * block.Output * height * width;
            }

            return ConvLayers.SliceFor(floats);
        }
    }

    /// <summary>
    /// As the CIFAR ResNets of REPAIR's code release: convolution and linear weights kaiming_normal_ (N(0, 2/fan_in)), the
    /// linear bias PyTorch's default U(−1/√fan_in, 1/√fan_in), normalisation scale 1 and shift 0.
    /// </summary>
    public ParameterSet Initialize(Generator generator, Device device)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        var stem = _normalised[0];
        ConvLayers.AddConv(entries, stem.Conv, Stem, _shape.Channels, 3, bias: false, kaiming: true, generator, device);
        ConvLayers.AddNorm(entries, stem.Norm, Normalisation, Stem, device);
        foreach (var block in _blocks)
        {
            ConvLayers.AddConv(entries, $"{block.Module}.conv1", block.Output, block.Input, 3, bias: false, kaiming: true, generator, device);
            ConvLayers.AddNorm(entries, $"{block.Module}.bn1", Normalisation, block.Output, device);
            ConvLayers.AddConv(entries, $"{block.Module}.conv2", block.Output, block.Output, 3, bias: false, kaiming: true, generator, device);
            ConvLayers.AddNorm(entries, $"{block.Module}.bn2", Normalisation, block.Output, device);
            if (block.Shortcut)
            {
                ConvLayers.AddConv(entries, $"{block.Module}.shortcut.0", block.Output, block.Input, ShortcutKernel, bias: false, kaiming: true, generator, device);
                ConvLayers.AddNorm(entries, $"{block.Module}.shortcut.1", Normalisation, block.Output, device);
            }
        }

        ConvLayers.AddLinear(entries, "linear", _classes, _blocks[^1].Output, kaiming: true, generator, device);
        return new ParameterSet(entries);
    }

    public Tensor Forward(ParameterSet parameters, Tensor inputs) => Walk(parameters, inputs, training: false, 0, visit: null);

    public Tensor ForwardCorrecting(ParameterSet parameters, Tensor inputs, Func<int, Tensor, bool> atCorrectable) =>
        Walk(parameters, inputs, training: false, 0, visit: null, atCorrectable);

    public Tensor ForwardTraining(ParameterSet parameters, Tensor inputs, double momentum = IArchitecture.BatchNormMomentum) =>
        Walk(parameters, inputs, training: true, momentum, visit: null);

    /// <summary>
    /// <c>P_layer{s}.{b}</c>: the block's hidden channels after n₁ (pre) or its ReLU (post). <c>P_layer{s}</c>: the stream
    /// after each of the stage's blocks (and, for stage 1, after the stem), stacked along the rows, as the residual MLP's
    /// stream; pre and post alike (the stream is the ReLU's output). Rows are positions of samples (n·H·W × C).
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind)
    {
        var stream = new Dictionary<string, List<Tensor>>();
        var result = new Dictionary<string, Tensor>();
        using (var logits = Walk(parameters, inputs, training: false, 0, (group, isStream, pre, post) =>
        {
            if (isStream)
            {
                if (!stream.TryGetValue(group, out var list))
                {
                    stream[group] = list = [];
                }

                list.Add(IArchitecture.UnitRows(post).DetachFromDisposeScope());
            }
            else
            {
                result[group] = IArchitecture.UnitRows(kind == ActivationKind.Pre ? pre : post).DetachFromDisposeScope();
            }
        }))
        {
        }

        foreach (var (group, list) in stream)
        {
            result[group] = cat(list, 0);
            list.ForEach(t => t.Dispose());
        }

        return result;
    }

    /// <summary>Every normalisation's output, input side first: a per-channel affine correction folds into its scale and shift.</summary>
    public IReadOnlyList<CorrectableLayer> CorrectableLayers => [.. _normalised.Select(l => new CorrectableLayer($"{l.Norm}.weight", $"{l.Norm}.bias"))];

    public string Describe() => $"resnet20 {_shape}-{string.Join("-", _blocks.Where(b => b.Index == 0).Select(b => b.Output))}-{_classes} {(Normalisation == Normalisation.Batchnorm ? "batchnorm" : "layernorm")}" +
                                (ShortcutKernel == 3 ? "" : $" shortcut {ShortcutKernel}x{ShortcutKernel}");

    /// <summary>
    /// The forward pass. <paramref name="visit"/> sees, for each group in order, whether it is a stream group and its
    /// channels before and after the ReLU (for a stream group, the stream after the addition, twice), inside the block's
    /// dispose scope (detach what it keeps); <paramref name="atCorrectable"/> is <see cref="ForwardCorrecting"/>'s hook.
    /// </summary>
    private Tensor Walk(ParameterSet p, Tensor inputs, bool training, double momentum, Action<string, bool, Tensor, Tensor>? visit, Func<int, Tensor, bool>? atCorrectable = null)
    {
        using var scope = NewDisposeScope();
        var index = 0;

        // conv → norm, the index-th correctable layer.
        // Its own scope frees the convolution's output and, when the hook corrected the layer, the first z at once.
        Tensor ConvNorm(string conv, string norm, Tensor x, int stride)
        {
            using var layerScope = NewDisposeScope();
            var z = ConvLayers.Norm(p, norm, Normalisation, ConvLayers.Conv(p, conv, x, stride), training, momentum);
            if (atCorrectable?.Invoke(index, z) == true)
            {
                z = ConvLayers.Norm(p, norm, Normalisation, ConvLayers.Conv(p, conv, x, stride), training, momentum);
            }

            index++;
            return z.MoveToOuterDisposeScope();
        }

        var h = nn.functional.relu(ConvNorm("conv1", _normalised[0].Norm, ConvLayers.Images(inputs, _shape), 1));
        visit?.Invoke(StreamGroup(1), true, h, h);
        foreach (var block in _blocks)
        {
            // Each block's intermediate tensors are freed when the next begins (autograd keeps what backward needs).
            using var blockScope = NewDisposeScope();
            var input = h;
            var z1 = ConvNorm($"{block.Module}.conv1", $"{block.Module}.bn1", h, block.Stride);
            var hidden = nn.functional.relu(z1);
            visit?.Invoke(BlockGroup(block.Stage, block.Index), false, z1, hidden);
            var z2 = ConvNorm($"{block.Module}.conv2", $"{block.Module}.bn2", hidden, 1);
            var shortcut = block.Shortcut ? ConvNorm($"{block.Module}.shortcut.0", $"{block.Module}.shortcut.1", h, block.Stride) : h;
            h = nn.functional.relu(z2 + shortcut);
            visit?.Invoke(StreamGroup(block.Stage), true, h, h);
            h.MoveToOuterDisposeScope();
            input.Dispose();    // the block's input, kept in the pass's scope until now: the pass holds one stream tensor
        }

        var pooled = h.mean([2L, 3L]);
        return nn.functional.linear(pooled, p["linear.weight"], p["linear.bias"]).MoveToOuterDisposeScope();
    }

    private SymmetrySpec BuildSymmetry()
    {
        var groups = new List<SymmetryGroup>();
        var axes = new Dictionary<string, IReadOnlyList<string?>>();
        var statistics = new Dictionary<string, IReadOnlyList<string?>>();
        SymmetryGroup Group(string name, int size, string norm) =>
            new(name, GroupKind.Permutation, size) { RotationBlockedBy = $"{norm}.weight" };

        var stem = _normalised[0];
        groups.Add(Group(StreamGroup(1), Stem, stem.Norm));
        axes["conv1.weight"] = [StreamGroup(1), null, null, null];
        ConvLayers.NormAxes(axes, statistics, stem.Norm, Normalisation, StreamGroup(1));
        var incoming = StreamGroup(1);
        foreach (var block in _blocks)
        {
            var hidden = BlockGroup(block.Stage, block.Index);
            var stream = StreamGroup(block.Stage);
            if (block.Shortcut)
            {
                groups.Add(Group(stream, block.Output, $"{block.Module}.shortcut.1"));
                axes[$"{block.Module}.shortcut.0.weight"] = [stream, incoming, null, null];
                ConvLayers.NormAxes(axes, statistics, $"{block.Module}.shortcut.1", Normalisation, stream);
            }

            groups.Add(Group(hidden, block.Output, $"{block.Module}.bn1"));
            axes[$"{block.Module}.conv1.weight"] = [hidden, incoming, null, null];
            ConvLayers.NormAxes(axes, statistics, $"{block.Module}.bn1", Normalisation, hidden);
            axes[$"{block.Module}.conv2.weight"] = [stream, hidden, null, null];
            ConvLayers.NormAxes(axes, statistics, $"{block.Module}.bn2", Normalisation, stream);
            incoming = stream;
        }

        axes["linear.weight"] = [null, incoming];
        axes["linear.bias"] = [null];
        return new SymmetrySpec(groups, axes, statistics);
    }

    /// <summary>A residual block: module name, stage (1-based), index in its stage (0-based), stride, channels in and out, whether its shortcut convolves.</summary>
    private sealed record Block(string Module, int Stage, int Index, int Stride, int Input, int Output, bool Shortcut);

    /// <summary>A convolution, its normalisation and the group of its output channels.</summary>
    private sealed record Layer(string Conv, string Norm, string Group);
}
