namespace OrthoRebasin.Models;

/// <summary>The largest models a recipe may ask for, shared by the architectures' options, with what a larger one would cost.</summary>
internal static class ModelBounds
{
    public const int MaxWidth = 65_536;

    public const string WidthWhy = "two layers of 65536 units hold 16 GiB of float32 weights between them, and alignment factorises square matrices of their width";

    public const int MaxLayers = 64;

    public const string LayersWhy = "each hidden layer is a symmetry group that every method aligns in turn";

    public const int MaxBlocks = 1024;

    public const string BlocksWhy = "each block is a symmetry group that every method aligns and two layers of every forward pass";
}
