using OrthoRebasin.Data;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Models;

/// <summary>
/// The pieces convolutional models are built of, as functions of a parameter set: parameters named as PyTorch modules
/// name them (<c>{module}.weight</c>, <c>.bias</c>, <c>.running_mean</c>, <c>.running_var</c>), initialised as PyTorch
/// initialises them, and the symmetry-spec entries that move each with its channels.
/// </summary>
internal static class ConvLayers
{
    /// <summary>The eps of BatchNorm and LayerNorm (PyTorch's default).</summary>
    public const double NormEps = 1e-5;

    /// <summary>Samples' feature rows (n × C·H·W, channel-major) as images n × C × H × W (a view, no copy).</summary>
    public static Tensor Images(Tensor inputs, ImageShape shape) =>
        inputs.reshape(inputs.shape[0], shape.Channels, shape.Height, shape.Width);

    /// <summary>
    /// <paramref name="images"/> (n × C × H × W) copied into channels-last memory: the same shape and values, stored
    /// position by position (NHWC strides). Convolutions and pools keep that layout, and on a CPU libtorch's max-pool is several times faster in
    /// it (its NCHW kernel was most of the gap between a VGG training step here and PyTorch's) and oneDNN's convolutions
    /// need no layout conversions. Results equal the NCHW pass's up to the convolutions' float rounding.
    /// </summary>
    public static Tensor ChannelsLast(Tensor images) => images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>
    /// A k×k convolution's weight (out × in × k × k) and, when <paramref name="bias"/>, its bias. <paramref name="kaiming"/>:
    /// weight ~ N(0, 2/fan_in) (kaiming_normal_, the CIFAR ResNets' init); otherwise PyTorch's nn.Conv2d default,
    /// U(−1/√fan_in, 1/√fan_in). The bias is always U(−1/√fan_in, 1/√fan_in).
    /// </summary>
    public static void AddConv(List<KeyValuePair<string, Tensor>> entries, string module, int output, int input, int kernel, bool bias, bool kaiming, Generator generator, Device device)
    {
        var fanIn = input * kernel * kernel;
        var bound = 1.0 / Math.Sqrt(fanIn);
        using (var scope = NewDisposeScope())
        {
            var weight = kaiming
                ? randn(output, input, kernel, kernel, generator: generator) * Math.Sqrt(2.0 / fanIn)
                : (rand(output, input, kernel, kernel, generator: generator) * (2 * bound)) - bound;
            entries.Add(new($"{module}.weight", weight.to(device).MoveToOuterDisposeScope()));
        }

        if (bias)
        {
            using var scope = NewDisposeScope();
            var b = (rand(output, generator: generator) * (2 * bound)) - bound;
            entries.Add(new($"{module}.bias", b.to(device).MoveToOuterDisposeScope()));
        }
    }

    /// <summary>A linear layer (out × in) and its bias; weight as <see cref="AddConv"/>'s, bias U(−1/√fan_in, 1/√fan_in).</summary>
    public static void AddLinear(List<KeyValuePair<string, Tensor>> entries, string module, int output, int input, bool kaiming, Generator generator, Device device)
    {
        var bound = 1.0 / Math.Sqrt(input);
        using var scope = NewDisposeScope();
        var weight = kaiming
            ? randn(output, input, generator: generator) * Math.Sqrt(2.0 / input)
            : (rand(output, input, generator: generator) * (2 * bound)) - bound;
        var bias = (rand(output, generator: generator) * (2 * bound)) - bound;
        entries.Add(new($"{module}.weight", weight.to(device).MoveToOuterDisposeScope()));
        entries.Add(new($"{module}.bias", bias.to(device).MoveToOuterDisposeScope()));
    }

    /// <summary>A normalisation's scale (ones) and shift (zeros); BatchNorm's running mean (zeros) and variance (ones) too.</summary>
    public static void AddNorm(List<KeyValuePair<string, Tensor>> entries, string module, Normalisation kind, int channels, Device device)
    {
        if (kind == Normalisation.None)
        {
            return;
        }

        entries.Add(new($"{module}.weight", ones(channels, device: device)));
        entries.Add(new($"{module}.bias", zeros(channels, device: device)));
        if (kind == Normalisation.Batchnorm)
        {
            entries.Add(new($"{module}.running_mean", zeros(channels, device: device)));
            entries.Add(new($"{module}.running_var", ones(channels, device: device)));
        }
    }

    /// <summary>The running statistics of a normalisation module (BatchNorm only).</summary>
    public static IEnumerable<string> StatisticsOf(string module, Normalisation kind) =>
        kind == Normalisation.Batchnorm ? [$"{module}.running_mean", $"{module}.running_var"] : [];

    /// <summary>
    /// Puts a normalisation's parameters on <paramref name="group"/>: scale and shift in <paramref name="axes"/>, running
    /// statistics in <paramref name="statistics"/>.
    /// </summary>
    public static void NormAxes(Dictionary<string, IReadOnlyList<string?>> axes, Dictionary<string, IReadOnlyList<string?>> statistics, string module, Normalisation kind, string group)
    {
        if (kind == Normalisation.None)
        {
            return;
        }

        axes[$"{module}.weight"] = [group];
        axes[$"{module}.bias"] = [group];
        foreach (var name in StatisticsOf(module, kind))
        {
            statistics[name] = [group];
        }
    }

    /// <summary>A k×k convolution with zero padding k / 2 (sides kept at stride 1, halved at stride 2); its bias when the set has one.</summary>
    public static Tensor Conv(ParameterSet p, string module, Tensor x, int stride = 1)
    {
        var weight = p[$"{module}.weight"];
        var padding = weight.shape[^1] / 2;
        var bias = p.Contains($"{module}.bias") ? p[$"{module}.bias"] : null;
        return nn.functional.conv2d(x, weight, bias, strides: [stride, stride], padding: [padding, padding]);
    }

    /// <summary>
    /// The normalisation of <paramref name="x"/> (n × C × H × W). BatchNorm in <paramref name="training"/> mode uses the
    /// batch's statistics and updates the running ones in place by <paramref name="momentum"/>; LayerNorm normalises over
    /// the channels at each position.
    /// </summary>
    public static Tensor Norm(ParameterSet p, string module, Normalisation kind, Tensor x, bool training, double momentum)
    {
        switch (kind)
        {
            case Normalisation.None:
                return x;
            case Normalisation.Batchnorm:
                return nn.functional.batch_norm(
                    x, p[$"{module}.running_mean"], p[$"{module}.running_var"], p[$"{module}.weight"], p[$"{module}.bias"],
                    training, momentum, NormEps);
            case Normalisation.Layernorm:
                {
                    using var scope = NewDisposeScope();
                    var mean = x.mean([1L], keepdim: true);
                    var centred = x - mean;
                    var variance = centred.square().mean([1L], keepdim: true);
                    var normalised = centred * (variance + NormEps).rsqrt();
                    var channels = x.shape[1];
                    var result = (normalised * p[$"{module}.weight"].reshape(1, channels, 1, 1)) + p[$"{module}.bias"].reshape(1, channels, 1, 1);
                    return result.MoveToOuterDisposeScope();
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown normalisation.");
        }
    }

    /// <summary>A channel count scaled by a width multiplier: round(base·width), at least 1.</summary>
    public static int Scaled(int channels, double width) => Math.Max(1, (int)Math.Round(channels * width, MidpointRounding.AwayFromZero));

    /// <summary>Samples per activation slice so that every group's activations of one sample (<paramref name="floatsPerSample"/>) stay near 32 MiB.</summary>
    public static int SliceFor(long floatsPerSample) => (int)Math.Clamp((8L << 20) / Math.Max(1, floatsPerSample), 1, 4096);

    /// <summary>A side after a stride-2 convolution with padding k / 2 (k = 1 or 3): ⌊(side − 1)/2⌋ + 1.</summary>
    public static int Halved(int side) => ((side - 1) / 2) + 1;

    /// <summary>Samples per evaluation pass so that the widest activation (<paramref name="floatsPerSample"/>) stays near 32 MiB.</summary>
    public static int BatchFor(long floatsPerSample) => (int)Math.Clamp((8L << 20) / Math.Max(1, floatsPerSample), 16, 4096);
}
