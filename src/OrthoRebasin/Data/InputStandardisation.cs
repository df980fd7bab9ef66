using static TorchSharp.torch;

namespace OrthoRebasin.Data;

/// <summary>
/// Per-channel standardisation of input features: each channel's values shifted by its <see cref="Mean"/> and divided by
/// its <see cref="Std"/>, the <c>Normalize(mean, std)</c> of the published CIFAR-10 loaders. The statistics are those of
/// the samples a model is trained on (<see cref="Of"/>), computed once in float64 and applied in float32, elementwise,
/// so a batch's standardised features are bit for bit the rows of the whole set's.
/// </summary>
public sealed class InputStandardisation
{
    /// <summary>Rows gathered per step of <see cref="Of"/>: 8,192 CIFAR-10 images are 200 MB of float64.</summary>
    private const int ChunkRows = 8192;

    public InputStandardisation(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"One mean and one std per channel; got {mean.Count} means and {std.Count} stds.", nameof(std));
        }

        if (mean.Any(m => !double.IsFinite(m)) || std.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException($"Means must be finite and stds positive; got mean [{string.Join(", ", mean)}], std [{string.Join(", ", std)}].", nameof(std));
        }

        Mean = [.. mean];
        Std = [.. std];
    }

    public IReadOnlyList<double> Mean { get; }

    public IReadOnlyList<double> Std { get; }

    public int Channels => Mean.Count;

    /// <summary>
    /// The mean and (population) standard deviation of each channel of <paramref name="samples"/>' features, over every
    /// sample and position, accumulated in float64 a chunk of rows at a time.
    /// </summary>
    /// <exception cref="UserErrorException">A channel is constant: it cannot be standardised.</exception>
    public static InputStandardisation Of(LabelledData samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples to compute input statistics from.", nameof(samples));
        }

        var shape = samples.Shape;
        var sum = new double[shape.Channels];
        var squares = new double[shape.Channels];
        for (var start = 0; start < samples.Count; start += ChunkRows)
        {
            using var scope = NewDisposeScope();
            var rows = samples.Pixels.narrow(0, start, Math.Min(ChunkRows, samples.Count - start));
            var values = rows.to_type(ScalarType.Float64).div_(samples.Scale).reshape(rows.shape[0], shape.Channels, (long)shape.Height * shape.Width);
            Add(sum, values.sum([0, 2]));
            Add(squares, values.square().sum([0, 2]));
        }

        var count = (double)samples.Count * shape.Height * shape.Width;
        var mean = sum.Select(s => s / count).ToArray();
        var std = new double[mean.Length];
        for (var c = 0; c < std.Length; c++)
        {
            std[c] = Math.Sqrt(Math.Max(0, (squares[c] / count) - (mean[c] * mean[c])));
            if (!(std[c] > 0))
            {
                throw new UserErrorException($"data.standardise: input channel {c} is constant over the {samples.Count} training samples, so it cannot be standardised; leave data.standardise off.");
            }
        }

        return new InputStandardisation(mean, std);

        static void Add(double[] into, Tensor perChannel)
        {
            using var cpu = perChannel.cpu();
            var values = cpu.data<double>().ToArray();
            for (var c = 0; c < into.Length; c++)
            {
                into[c] += values[c];
            }
        }
    }

    /// <summary>Standardises <paramref name="features"/> (n × C·H·W float32, channel-major) in place and returns it.</summary>
    public Tensor ApplyInPlace(Tensor features, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Channels != Channels)
        {
            throw new ArgumentException($"Statistics of {Channels} channels cannot standardise images of {shape}.", nameof(shape));
        }

        using var scope = NewDisposeScope();
        var images = features.view(features.shape[0], shape.Channels, (long)shape.Height * shape.Width);
        var mean = tensor(Mean.Select(m => (float)m).ToArray(), device: features.device).view(1, Channels, 1);
        var std = tensor(Std.Select(s => (float)s).ToArray(), device: features.device).view(1, Channels, 1);
        images.sub_(mean).div_(std);
        return features;
    }

    public override string ToString() =>
        $"mean [{string.Join(", ", Mean.Select(m => m.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}], std [{string.Join(", ", Std.Select(s => s.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
