using System.Text.Json.Serialization;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Models;

/// <summary>The keys of a <c>vgg</c> model.</summary>
public sealed record VggOptions
{
    /// <summary>Convolutional depth of the layout: 11, 13, 16 or 19 (the CIFAR VGG layouts; 8, 10, 13 or 16 convolutions).</summary>
    [AtLeast(11), AtMost(19, "the CIFAR VGG layouts are VGG-11, 13, 16 and 19")]
    public int Depth { get; init; } = 11;

    /// <summary>Width multiplier of every convolution's channels (1: 64 to 512; ¼: 16 to 128).</summary>
    [Positive, AtMost(64, "VGG-11 at 64× width has 32,768 channels in its last layers, 9.7 billion weights")]
    public double Width { get; init; } = 1;

    /// <summary>The normalisation after every convolution.</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.None;

    /// <summary>
    /// How weights are drawn: <c>pytorch</c> (the default, the published VGG's) or <c>kaiming</c>, for short training
    /// budgets without normalisation; left out of hashes when <c>pytorch</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Initialisation Init { get; init; }
}
