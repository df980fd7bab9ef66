namespace OrthoRebasin.Models;

/// <summary>The normalisation after every convolution of a convolutional model (docs/METHODS.md §1).</summary>
public enum Normalisation
{
    /// <summary>None: the convolution has a bias.</summary>
    None,

    /// <summary>
    /// BatchNorm: each channel normalised by the batch's mean and variance over samples and positions in training, by
    /// running statistics in evaluation, then scaled and shifted per channel (eps 1e-5, momentum 0.1, as PyTorch).
    /// </summary>
    Batchnorm,

    /// <summary>
    /// LayerNorm over the channels at each position (Flax's <c>nn.LayerNorm</c> on NHWC images, as Git Re-Basin's
    /// ResNet-20), then scaled and shifted per channel; eps 1e-5 (PyTorch's; Flax uses 1e-6). No running statistics.
    /// </summary>
    Layernorm,
}
