namespace OrthoRebasin.Models;

/// <summary>How a convolutional model without a normalisation layer draws its weights (docs/METHODS.md §1).</summary>
public enum Initialisation
{
    /// <summary>
    /// PyTorch's defaults for nn.Conv2d and nn.Linear: weights and biases U(−1/√fan_in, 1/√fan_in), the published VGG's.
    /// Each layer keeps a third of its input's second moment, so without normalisation a deep stack starts with vanishing
    /// signals and stays at chance for many epochs.
    /// </summary>
    Pytorch,

    /// <summary>
    /// Weights N(0, 2/fan_in) (kaiming_normal_, as the CIFAR ResNets' code releases), biases as PyTorch's default: the
    /// second moment of the activations is kept from layer to layer, so a VGG without normalisation trains from the
    /// first epoch.
    /// </summary>
    Kaiming,
}
