using OrthoRebasin.Validation;

namespace OrthoRebasin.Models;

/// <summary>The keys of a <c>resnet20</c> model.</summary>
public sealed record ResNetOptions
{
    /// <summary>Width multiplier: the three stages have round(16·w), round(32·w) and round(64·w) channels (½: 8, 16, 32).</summary>
    [Positive, AtMost(64, "ResNet-20 at 64× width has 4,096 channels in its last stage, 1.2 billion weights")]
    public double Width { get; init; } = 1;

    /// <summary>The normalisation after every convolution (a ResNet without one does not train at this depth).</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.Batchnorm;

    /// <summary>
    /// Kernel of the convolution on the shortcut of a block that halves the image and doubles the channels: 3 (REPAIR's
    /// and Git Re-Basin's code releases) or 1 (the CIFAR ResNets' "option B").
    /// </summary>
    [AtLeast(1), AtMost(3, "a shortcut convolution is 1×1 or 3×3")]
    public int ShortcutKernel { get; init; } = 3;
}
