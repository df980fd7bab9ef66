using OrthoRebasin.Data;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Training;

public sealed class BatchAugmentationTests
{
    // Two images of 2 channels × 2 rows × 3 columns; pixel value = 100·image + 10·channel·... spelled out below.
    private static readonly ImageShape Shape = new(2, 2, 3);

    private static Tensor KnownBatch() => torch.tensor(
        new float[]
        {
            1, 2, 3, 4, 5, 6, /* channel 1 */ 11, 12, 13, 14, 15, 16,
            21, 22, 23, 24, 25, 26, /* channel 1 */ 31, 32, 33, 34, 35, 36,
        },
        [2, 12]);

    [Fact]
    public void Flip_mirrors_every_row_of_every_channel_of_the_chosen_images_only()
    {
        // Given
        using var batch = KnownBatch();
        using var flip = torch.tensor(new[] { true, false });

        // When
        using var flipped = BatchAugmentation.Transform(batch, Shape, flip, padding: 0, top: null, left: null);

        // Then
        Assert.Equal(
            [3f, 2, 1, 6, 5, 4, 13, 12, 11, 16, 15, 14, 21, 22, 23, 24, 25, 26, 31, 32, 33, 34, 35, 36],
            flipped.data<float>().ToArray());
    }

    [Fact]
    public void Crop_with_padding_shifts_the_content_and_fills_with_zeros()
    {
        // Given: padding 1; image 0 keeps the window at (0, 0) of the padded image (content moves down and right by 1),
        // image 1 the window at (2, 1) (content moves up by 1, not sideways)
        using var batch = KnownBatch();
        using var top = torch.tensor(new long[] { 0, 2 });
        using var left = torch.tensor(new long[] { 0, 1 });

        // When
        using var cropped = BatchAugmentation.Transform(batch, Shape, flip: null, padding: 1, top, left);

        // Then
        Assert.Equal(
            [0f, 0, 0, 0, 1, 2, 0, 0, 0, 0, 11, 12, 24, 25, 26, 0, 0, 0, 34, 35, 36, 0, 0, 0],
            cropped.data<float>().ToArray());
    }

    [Fact]
    public void The_centre_window_and_no_flip_give_the_batch_back()
    {
        // Given
        using var batch = KnownBatch();
        using var centre = torch.tensor(new long[] { 2, 2 });
        using var noFlip = torch.tensor(new[] { false, false });

        // When
        using var same = BatchAugmentation.Transform(batch, Shape, noFlip, padding: 2, centre, centre);

        // Then
        Assert.Equal(batch.data<float>().ToArray(), same.data<float>().ToArray());
    }

    [Fact]
    public void The_same_seed_augments_the_same_way_and_another_seed_differently()
    {
        // Given
        var spec = new AugmentationSpec { RandomCrop = 2, HorizontalFlip = true };
        var shape = new ImageShape(3, 8, 8);
        using var batch = rand([64, shape.Size], generator: new Generator(5));
        using var first = new BatchAugmentation(spec, shape, seed: 1);
        using var again = new BatchAugmentation(spec, shape, seed: 1);
        using var other = new BatchAugmentation(spec, shape, seed: 2);

        // When
        using var a = first.Apply(batch);
        using var b = again.Apply(batch);
        using var c = other.Apply(batch);
        using var next = first.Apply(batch);

        // Then: identical for one seed, different for another seed and for the next batch of the same stream
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), c.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), next.data<float>().ToArray());
        Assert.Equal(batch.shape, a.shape);
    }

    [Fact]
    public void Augmentation_off_trains_exactly_as_without_the_option_and_on_trains_differently()
    {
        // Given uint8 images with labels, and three recipes: no augmentation key, an augmentation that changes nothing, and a real one
        var shape = new ImageShape(1, 4, 4);
        var generator = new Random(3);
        var pixels = new byte[128 * shape.Size];
        generator.NextBytes(pixels);
        using var samples = LabelledData.FromBytes(pixels, [.. Enumerable.Range(0, 128).Select(i => (long)(pixels[i * shape.Size] % 3))], 255f, shape);
        var model = new Mlp(shape.Size, [16], 3);
        var plain = new TrainingSpec { Epochs = 2, BatchSize = 32, LearningRate = 1e-2 };

        // When
        var (without, _) = Trainer.Train(model, plain, samples, seed: 9, CPU);
        var (identity, _) = Trainer.Train(model, plain with { Augmentation = new AugmentationSpec() }, samples, seed: 9, CPU);
        var (augmented, _) = Trainer.Train(model, plain with { Augmentation = new AugmentationSpec { RandomCrop = 1, HorizontalFlip = true } }, samples, seed: 9, CPU);

        // Then: the augmentation's own generator leaves initialisation and batch order untouched
        foreach (var (name, tensor) in without.Entries)
        {
            Assert.True(TestModels.Identical(tensor, identity[name]), name);
        }

        Assert.False(TestModels.Identical(without["layers.0.weight"], augmented["layers.0.weight"]));
        without.Dispose();
        identity.Dispose();
        augmented.Dispose();
    }
}
