using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Data;

/// <summary>
/// Samples and their class labels, kept compact: <c>Pixels</c> n×d uint8 as stored in the data set's files, <c>Labels</c>
/// n int64. Features are made when asked for, a batch at a time: float32 pixels divided by <see cref="Scale"/> (255 for
/// images of bytes, 16 for UCI digits), the same operation for every batch, so a batch's features are bit for bit the
/// rows of the whole set's. CIFAR-10's training set is 150 MB this way instead of 600 MB of float32. With a
/// <see cref="Standardisation"/>, features are then standardised per channel (<see cref="InputStandardisation"/>).
/// </summary>
public sealed class LabelledData : IDisposable
{
    /// <summary>Takes ownership of both tensors; they are disposed with this object.</summary>
    public LabelledData(Tensor pixels, Tensor labels, float scale, ImageShape shape, InputStandardisation? standardisation = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(shape);
        if (pixels.dim() != 2 || pixels.dtype != ScalarType.Byte)
        {
            throw new ArgumentException($"Pixels must be a 2-D uint8 tensor; got {pixels.dtype} of shape [{string.Join(", ", pixels.shape)}].", nameof(pixels));
        }

        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Labels must be a 1-D int64 tensor; got {labels.dtype} of shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        if (pixels.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{pixels.shape[0]} samples but {labels.shape[0]} labels.", nameof(labels));
        }

        if (pixels.shape[1] != shape.Size)
        {
            throw new ArgumentException($"{pixels.shape[1]} values per sample, but images of {shape} have {shape.Size}.", nameof(shape));
        }

        if (!(scale > 0) || !float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale pixels are divided by must be positive.");
        }

        if (standardisation is not null && standardisation.Channels != shape.Channels)
        {
            throw new ArgumentException($"Statistics of {standardisation.Channels} channels cannot standardise images of {shape}.", nameof(standardisation));
        }

        Pixels = pixels;
        Labels = labels;
        Scale = scale;
        Shape = shape;
        Standardisation = standardisation;
    }

    /// <summary>n×d uint8, as stored in the files.</summary>
    public Tensor Pixels { get; }

    public Tensor Labels { get; }

    /// <summary>Features are the pixels divided by this.</summary>
    public float Scale { get; }

    /// <summary>How each row of <see cref="Pixels"/> lies as an image (channel-major).</summary>
    public ImageShape Shape { get; }

    /// <summary>The per-channel standardisation applied after the division by <see cref="Scale"/>, or null for none.</summary>
    public InputStandardisation? Standardisation { get; }

    public int Count => (int)Pixels.shape[0];

    public int InputSize => (int)Pixels.shape[1];

    public Device Device => Pixels.device;

    /// <summary>Builds the tensors from row-major pixels (<c>labels.Length</c> rows of <c>shape.Size</c>).</summary>
    public static LabelledData FromBytes(byte[] pixels, long[] labels, float scale, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(shape);
        if (pixels.LongLength != (long)labels.Length * shape.Size)
        {
            throw new ArgumentException($"{labels.Length} samples of {shape.Size} pixels need {(long)labels.Length * shape.Size} values; got {pixels.LongLength}.", nameof(pixels));
        }

        return new LabelledData(torch.tensor(pixels, [labels.Length, shape.Size]), torch.tensor(labels), scale, shape);
    }

    /// <summary>Float32 features of uint8 pixels: <c>pixels / scale</c>, elementwise, a new tensor.</summary>
    public static Tensor ToFeatures(Tensor pixels, float scale)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return pixels.to_type(ScalarType.Float32).div_(scale);
    }

    /// <summary>The features of every sample (n×d float32): for small sets, such as the fixed evaluation splits.</summary>
    public Tensor Features() => Standardise(ToFeatures(Pixels, Scale));

    /// <summary>The features of the samples at <paramref name="index"/> (int64, on <see cref="Device"/>), in that order.</summary>
    public Tensor Features(Tensor index) => Standardise(ScaledFeatures(index));

    /// <summary>
    /// The features of the samples at <paramref name="index"/> before standardisation (<c>pixels / scale</c>): what
    /// augmentation crops and pads, so that padding is black as in the published loaders, before <see cref="Standardise"/>.
    /// </summary>
    public Tensor ScaledFeatures(Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var rows = Pixels.index_select(0, index);
        return ToFeatures(rows, Scale);
    }

    /// <summary>Standardises scaled features (n×d float32) in place when this set has a standardisation; returns them.</summary>
    public Tensor Standardise(Tensor scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        return Standardisation is null ? scaled : Standardisation.ApplyInPlace(scaled, Shape);
    }

    /// <summary>The same samples (new handles to the same storage) whose features are standardised by <paramref name="standardisation"/>.</summary>
    public LabelledData WithStandardisation(InputStandardisation? standardisation) =>
        new(Pixels.alias(), Labels.alias(), Scale, Shape, standardisation);

    /// <summary>The first <paramref name="count"/> samples, as new tensors.</summary>
    public LabelledData Take(int count)
    {
        using var view = Slice(0, count);
        return new LabelledData(view.Pixels.clone(), view.Labels.clone(), Scale, Shape, Standardisation);
    }

    /// <summary>Samples <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1 as views: no copy, the storage is shared.</summary>
    public LabelledData Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + count, Count, nameof(count));
        return new LabelledData(Pixels.narrow(0, start, count), Labels.narrow(0, start, count), Scale, Shape, Standardisation);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as new tensors.</summary>
    public LabelledData Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var index = new long[indices.Count];
        for (var k = 0; k < index.Length; k++)
        {
            var i = indices[k];
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {i} is outside 0..{Count - 1}.");
            }

            index[k] = i;
        }

        using var indexTensor = torch.tensor(index, device: Device);
        return new LabelledData(Pixels.index_select(0, indexTensor), Labels.index_select(0, indexTensor), Scale, Shape, Standardisation);
    }

    /// <summary>The same samples on <paramref name="device"/>: new handles to the same storage when already there, else a copy.</summary>
    public LabelledData To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new LabelledData(Pixels.to(device), Labels.to(device), Scale, Shape, Standardisation);
    }

    /// <summary>The labels copied out of the tensor.</summary>
    public long[] LabelArray()
    {
        using var cpu = Labels.cpu();
        return cpu.data<long>().ToArray();
    }

    public void Dispose()
    {
        Pixels.Dispose();
        Labels.Dispose();
    }
}
