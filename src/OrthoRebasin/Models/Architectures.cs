namespace OrthoRebasin.Models;

/// <summary>The model architectures a recipe may name: one registration line each (docs/METHODS.md §1).</summary>
public static class Architectures
{
    public static Registry<ModelEntry> Registry { get; } = new("model",
    [
        ModelEntry.Of<MlpOptions>("mlp", "Multilayer perceptron, ReLU hidden layers, no normalisation",
            (o, shape, classes) => new Mlp(shape.Size, o.Hidden, classes)),
        ModelEntry.Of<ResidualMlpOptions>("residual-mlp", "Residual MLP: embedding, blocks h + U relu(V rms(h) + a) + c on an RMSNorm-ed stream (no gain), head on rms(h_K)",
            (o, shape, classes) => new ResidualMlp(shape.Size, o.Width, o.Blocks, o.BlockHidden, classes)),
        ModelEntry.Of<VggOptions>("vgg", "CIFAR VGG: 3×3 convolutions (with bias), optional BatchNorm or LayerNorm, ReLU, 2×2 max-pools, one linear layer",
            (o, shape, classes) => new Vgg(shape, o.Depth, o.Width, o.Normalisation, classes, o.Init)) with { NumericsRevision = "channels-last" },
        ModelEntry.Of<ResNetOptions>("resnet20", "CIFAR ResNet-20: three stages of three basic blocks, BatchNorm or LayerNorm, global average pooling",
            (o, shape, classes) => new ResNet(shape, o.Width, o.Normalisation, o.ShortcutKernel, classes)),
    ]);
}
