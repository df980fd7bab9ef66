using OrthoRebasin.Manifest;

namespace OrthoRebasin.Models;

/// <summary>Turns a manifest's model entry into an architecture for a data set's input size and classes.</summary>
public static class Architectures
{
    public static IArchitecture Create(ModelSpec spec, int inputSize, int classes) => spec.Architecture switch
    {
        "mlp" => new Mlp(inputSize, spec.Hidden, classes),
        _ => throw new ArgumentException($"No implementation of model '{spec.Architecture}'; models: {string.Join(", ", Catalog.Models.Select(m => m.Id))}."),
    };
}
