using OrthoRebasin.Manifest;

namespace OrthoRebasin.Models;

/// <summary>Turns a manifest's model entry into an architecture for a data set's input size and classes.</summary>
public static class Architectures
{
    public static IArchitecture Create(ModelSpec spec, int inputSize, int classes) => spec.Architecture switch
    {
        "mlp" => new Mlp(inputSize, spec.Hidden, classes),
        "residual-mlp" => new ResidualMlp(inputSize, Required(spec.Width, "width"), Required(spec.Blocks, "blocks"), Required(spec.BlockHidden, "block_hidden"), classes),
        _ => throw new ArgumentException($"No implementation of model '{spec.Architecture}'; models: {string.Join(", ", Catalog.Models.Select(m => m.Id))}."),
    };

    // The manifest requires these keys for residual-mlp; a spec built in code may still leave one out.
    private static int Required(int? value, string key) =>
        value ?? throw new ArgumentException($"Model 'residual-mlp' needs '{key}'; it takes width, blocks and block_hidden.");
}
