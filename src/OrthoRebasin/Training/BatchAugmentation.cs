using OrthoRebasin.Data;
using OrthoRebasin.Manifest;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>
/// Random horizontal flip and random crop of a batch of images (n×d float rows, each an image of <see cref="ImageShape"/>),
/// as tensor operations on the whole batch. Its random numbers come from a generator of its own, seeded from the training
/// seed, so the trainer's generator (initialisation, batch order) draws exactly what it draws without augmentation.
/// Per batch: first n flip coins (when flipping), then n row offsets and n column offsets (when cropping), each uniform.
/// </summary>
public sealed class BatchAugmentation : IDisposable
{
    private readonly Generator _generator;
    private readonly ImageShape _shape;
    private readonly int _padding;
    private readonly bool _flip;

    public BatchAugmentation(AugmentationSpec spec, ImageShape shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.RandomCrop);
        _shape = shape;
        _padding = spec.RandomCrop;
        _flip = spec.HorizontalFlip;
        _generator = new Generator(StreamSeed(seed));
    }

    /// <summary>The seed of the augmentation's own generator: the training seed moved far from every small seed (golden-ratio multiply).</summary>
    public static ulong StreamSeed(int seed) => unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + 0x632BE59BD9B4E019UL);

    /// <summary>The augmented batch as a new n×d tensor (on the batch's device).</summary>
    public Tensor Apply(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var n = batch.shape[0];
        using var scope = NewDisposeScope();
        var heads = _flip ? rand([n], generator: _generator).lt(0.5).to(batch.device) : null;
        var span = (2 * _padding) + 1;
        var top = _padding > 0 ? randint(0, span, [n], generator: _generator).to(batch.device) : null;
        var left = _padding > 0 ? randint(0, span, [n], generator: _generator).to(batch.device) : null;
        return Transform(batch, _shape, heads, _padding, top, left).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mirrors the images where <paramref name="flip"/> (bool, n) is true, then pads every side with
    /// <paramref name="padding"/> zeros and keeps the image-sized window whose top-left corner is at
    /// (<paramref name="top"/>, <paramref name="left"/>) (int64, n, each in 0..2·padding) of the padded image.
    /// </summary>
    internal static Tensor Transform(Tensor batch, ImageShape shape, Tensor? flip, int padding, Tensor? top, Tensor? left)
    {
        var n = batch.shape[0];
        var (c, h, w) = ((long)shape.Channels, (long)shape.Height, (long)shape.Width);
        using var scope = NewDisposeScope();
        var images = batch.reshape(n, c, h, w);
        if (flip is not null)
        {
            images = where(flip.view(n, 1, 1, 1), images.flip(3), images);
        }

        if (padding > 0)
        {
            ArgumentNullException.ThrowIfNull(top);
            ArgumentNullException.ThrowIfNull(left);
            var padded = nn.functional.pad(images, [padding, padding, padding, padding]);
            // Row i of image k is padded row top[k] + i, column j is padded column left[k] + j: two gathers.
            var rows = (top.view(n, 1) + arange(h, device: batch.device)).view(n, 1, h, 1).expand(n, c, h, w + (2 * padding));
            var columns = (left.view(n, 1) + arange(w, device: batch.device)).view(n, 1, 1, w).expand(n, c, h, w);
            images = padded.gather(2, rows).gather(3, columns);
        }

        return images.reshape(n, c * h * w).contiguous().MoveToOuterDisposeScope();
    }

    public void Dispose() => _generator.Dispose();
}
