namespace OrthoRebasin.Models;

/// <summary>The model architectures a recipe may name: one registration line each (docs/METHODS.md §1).</summary>
public static class Architectures
{
    public static Registry<ModelEntry> Registry { get; } = new("model",
    [
        ModelEntry.Of<MlpOptions>("mlp", "Multilayer perceptron, ReLU hidden layers, no normalisation",
            (o, input, classes) => new Mlp(input, o.Hidden, classes)),
        ModelEntry.Of<ResidualMlpOptions>("residual-mlp", "Residual MLP: embedding, blocks h + U relu(V rms(h) + a) + c on an RMSNorm-ed stream (no gain), head on rms(h_K)",
            (o, input, classes) => new ResidualMlp(input, o.Width, o.Blocks, o.BlockHidden, classes)),
    ]);
}
