using OrthoRebasin.Data;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// The CIFAR VGG (docs/METHODS.md §1), as REPAIR's code release builds it: for each entry of the layout a 3×3
/// convolution (padding 1, with bias), its normalisation and a ReLU, or a 2×2 max-pool; then one linear layer on the
/// last convolution's channels, once five poolings have brought the image to one pixel. Parameters are named as the
/// PyTorch module names them: <c>features.{i}.*</c> by the index in its <c>nn.Sequential</c> (convolution, normalisation,
/// ReLU, pool each take one), <c>classifier.*</c>. Convolution l (1-based) carries the permutation group <c>P_l</c> of
/// its output channels; with a normalisation only permutations may act on it (<see cref="SymmetryGroup.RotationBlockedBy"/>).
/// </summary>
public sealed class Vgg : IArchitecture
{
    /// <summary>Channels of each convolution at width 1, by depth; 0 marks a 2×2 max-pool.</summary>
    public static readonly IReadOnlyDictionary<int, int[]> Layouts = new Dictionary<int, int[]>
    {
        [11] = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        [13] = [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        [16] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
        [19] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
    };

    private readonly ImageShape _shape;
    private readonly int _classes;
    private readonly List<ConvLayer> _convs = [];
    private readonly List<int> _poolAfter = [];

    public Vgg(ImageShape shape, int depth, double width, Normalisation normalisation, int classes, Initialisation initialisation = Initialisation.Pytorch)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!Layouts.TryGetValue(depth, out var layout))
        {
            throw new ArgumentException($"A vgg has depth 11, 13, 16 or 19, not {depth}.");
        }

        var pools = layout.Count(c => c == 0);
        if (shape.Height >> pools != 1 || shape.Width >> pools != 1)
        {
            throw new ArgumentException(
                $"a vgg's {pools} poolings must bring the image to one pixel, so its sides must be {1 << pools} to {(2 << pools) - 1} pixels, " +
                $"and these images are {shape.Height}×{shape.Width}; use 32×32 images (cifar10) or a resnet20, which pools globally");
        }

        if (width <= 0 || classes < 1)
        {
            throw new ArgumentException($"A vgg needs a positive width and at least one class (width {width}, classes {classes}).");
        }

        _shape = shape;
        _classes = classes;
        Depth = depth;
        WidthMultiplier = width;
        Normalisation = normalisation;
        Init = initialisation;
        var index = 0;
        var input = shape.Channels;
        foreach (var channels in layout)
        {
            if (channels == 0)
            {
                _poolAfter.Add(_convs.Count);
                index++;
                continue;
            }

            var output = ConvLayers.Scaled(channels, width);
            var conv = $"features.{index}";
            var norm = normalisation == Normalisation.None ? null : $"features.{index + 1}";
            _convs.Add(new ConvLayer(conv, norm, input, output));
            index += norm is null ? 2 : 3;
            input = output;
        }

        Symmetry = BuildSymmetry();
    }

    public string Id => "vgg";

    public SymmetrySpec Symmetry { get; }

    public int Depth { get; }

    public double WidthMultiplier { get; }

    public Normalisation Normalisation { get; }

    /// <summary>How the weights are drawn (<see cref="Initialisation"/>).</summary>
    public Initialisation Init { get; }

    /// <summary>Output channels of each convolution, input side first.</summary>
    public IReadOnlyList<int> Channels => [.. _convs.Select(c => c.Output)];

    /// <summary>The permutation group of convolution <paramref name="layer"/>'s output channels (1-based).</summary>
    public static string GroupName(int layer) => $"P_{layer}";

    public IReadOnlyCollection<string> Statistics => [.. _convs.Where(c => c.Norm is not null).SelectMany(c => ConvLayers.StatisticsOf(c.Norm!, Normalisation))];

    public int EvaluationBatchSize => ConvLayers.BatchFor((long)_convs[0].Output * _shape.Height * _shape.Width);

    /// <summary>From every convolution's channels × positions, the activations <see cref="GroupActivations"/> returns per sample.</summary>
    public int ActivationSliceSize
    {
        get
        {
            long floats = 0;
            var side = (long)_shape.Height * _shape.Width;
            for (var l = 0; l < _convs.Count; l++)
            {
                floats += _convs[l].Output * side;
                if (_poolAfter.Contains(l + 1))
                {
                    side /= 4;
                }
            }

            return ConvLayers.SliceFor(floats);
        }
    }

    /// <summary>
    /// Weights as <see cref="Init"/> says (PyTorch's nn.Conv2d and nn.Linear defaults, U(−1/√fan_in, 1/√fan_in), or
    /// kaiming_normal_), biases U(−1/√fan_in, 1/√fan_in), normalisation scale 1 and shift 0.
    /// </summary>
    public ParameterSet Initialize(Generator generator, Device device)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        var kaiming = Init == Initialisation.Kaiming;
        foreach (var conv in _convs)
        {
            ConvLayers.AddConv(entries, conv.Name, conv.Output, conv.Input, 3, bias: true, kaiming, generator, device);
            if (conv.Norm is not null)
            {
                ConvLayers.AddNorm(entries, conv.Norm, Normalisation, conv.Output, device);
            }
        }

        ConvLayers.AddLinear(entries, "classifier", _classes, _convs[^1].Output, kaiming, generator, device);
        return new ParameterSet(entries);
    }

    public Tensor Forward(ParameterSet parameters, Tensor inputs) => Walk(parameters, inputs, training: false, 0, visit: null);

    public Tensor ForwardCorrecting(ParameterSet parameters, Tensor inputs, Func<int, Tensor, bool> atCorrectable) =>
        Walk(parameters, inputs, training: false, 0, visit: null, atCorrectable);

    public Tensor ForwardTraining(ParameterSet parameters, Tensor inputs, double momentum = IArchitecture.BatchNormMomentum) =>
        Walk(parameters, inputs, training: true, momentum, visit: null);

    /// <summary><c>P_l</c>: convolution l's channels after its normalisation (pre) or after the ReLU (post), as rows n·H·W × C.</summary>
    public IReadOnlyDictionary<string, Tensor> GroupActivations(ParameterSet parameters, Tensor inputs, ActivationKind kind)
    {
        var result = new Dictionary<string, Tensor>();
        using var logits = Walk(parameters, inputs, training: false, 0, (layer, pre, post) =>
            result[GroupName(layer + 1)] = IArchitecture.UnitRows(kind == ActivationKind.Pre ? pre : post).DetachFromDisposeScope());
        return result;
    }

    /// <summary>
    /// Every convolution's channels as they enter the ReLU: without normalisation the convolution itself (its weight and
    /// bias), with one the normalisation's output (its scale and shift, which a per-channel affine map folds into).
    /// </summary>
    public IReadOnlyList<CorrectableLayer> CorrectableLayers =>
        [.. _convs.Select(c => c.Norm is null ? new CorrectableLayer($"{c.Name}.weight", $"{c.Name}.bias") : new CorrectableLayer($"{c.Norm}.weight", $"{c.Norm}.bias"))];

    public string Describe() =>
        $"vgg{Depth} {_shape}-{string.Join("-", _convs.Select(c => c.Output))}-{_classes}" + (Normalisation == Normalisation.None ? "" : $" {ManifestName(Normalisation)}");

    private static string ManifestName(Normalisation n) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n.ToString());

    /// <summary>
    /// The forward pass. <paramref name="visit"/> sees every convolution's channels entering and leaving its ReLU (inside
    /// the layer's dispose scope: detach what it keeps); <paramref name="atCorrectable"/> is <see cref="ForwardCorrecting"/>'s hook.
    /// </summary>
    private Tensor Walk(ParameterSet p, Tensor inputs, bool training, double momentum, Action<int, Tensor, Tensor>? visit, Func<int, Tensor, bool>? atCorrectable = null)
    {
        using var scope = NewDisposeScope();
        var x = ConvLayers.ChannelsLast(ConvLayers.Images(inputs, _shape));
        for (var l = 0; l < _convs.Count; l++)
        {
            // Each layer's intermediate tensors are freed when the next begins (autograd keeps what backward needs), so
            // a pass holds a layer or two of activations, not all of them.
            using var layerScope = NewDisposeScope();
            var input = x;
            var conv = _convs[l];
            Tensor Layer(Tensor input)
            {
                var output = ConvLayers.Conv(p, conv.Name, input);
                return conv.Norm is null ? output : ConvLayers.Norm(p, conv.Norm, Normalisation, output, training, momentum);
            }

            var z = Layer(x);
            if (atCorrectable?.Invoke(l, z) == true)
            {
                z.Dispose();    // the uncorrected output, freed before the corrected one is made
                z = Layer(x);
            }

            x = nn.functional.relu(z);
            visit?.Invoke(l, z, x);
            if (_poolAfter.Contains(l + 1))
            {
                x = nn.functional.max_pool2d(x, [2, 2], [2, 2]);
            }

            x.MoveToOuterDisposeScope();
            input.Dispose();    // the layer's input, kept in the pass's scope until now: the pass holds one layer's output
        }

        var features = x.flatten(1);
        return nn.functional.linear(features, p["classifier.weight"], p["classifier.bias"]).MoveToOuterDisposeScope();
    }

    private SymmetrySpec BuildSymmetry()
    {
        var groups = new List<SymmetryGroup>();
        var axes = new Dictionary<string, IReadOnlyList<string?>>();
        var statistics = new Dictionary<string, IReadOnlyList<string?>>();
        for (var l = 0; l < _convs.Count; l++)
        {
            var conv = _convs[l];
            var group = GroupName(l + 1);
            groups.Add(new SymmetryGroup(group, GroupKind.Permutation, conv.Output) { RotationBlockedBy = conv.Norm is null ? null : $"{conv.Norm}.weight" });
            axes[$"{conv.Name}.weight"] = [group, l == 0 ? null : GroupName(l), null, null];
            axes[$"{conv.Name}.bias"] = [group];
            if (conv.Norm is not null)
            {
                ConvLayers.NormAxes(axes, statistics, conv.Norm, Normalisation, group);
            }
        }

        axes["classifier.weight"] = [null, GroupName(_convs.Count)];
        axes["classifier.bias"] = [null];
        return new SymmetrySpec(groups, axes, statistics);
    }

    /// <summary>A convolution: its module name, its normalisation's (null without one), input and output channels.</summary>
    private sealed record ConvLayer(string Name, string? Norm, int Input, int Output);
}
