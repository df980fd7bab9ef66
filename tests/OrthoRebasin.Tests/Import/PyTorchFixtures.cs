using OrthoRebasin.Import;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Import;

/// <summary>The checkpoints tests/fixtures/pytorch/make_fixtures.py wrote with PyTorch, and the model they are.</summary>
internal static class PyTorchFixtures
{
    /// <summary>The MLP every fixture holds: 64 inputs, two hidden layers of 32, 10 classes.</summary>
    public static Mlp Mlp { get; } = new(64, [32, 32], 10);

    /// <summary>A fixture by file name, or any other path as it is.</summary>
    public static string Path(string name) => System.IO.Path.IsPathRooted(name) ? name : System.IO.Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "pytorch", name);

    public static ImportedCheckpoint Import(string name, NameMapping? mapping = null, IArchitecture? architecture = null) =>
        CheckpointImport.Load(Path(name), architecture ?? Mlp, mapping);

    /// <summary>The probe set's inputs (200 × 64) and labels.</summary>
    public static (Tensor Inputs, Tensor Labels) Probe() => (Tensor("probe.pt", "inputs"), Tensor("probe.pt", "labels"));

    /// <summary>One tensor of a fixture as PyTorch stored it; the others are freed.</summary>
    public static Tensor Tensor(string file, string name)
    {
        var (tensors, _) = TensorFiles.Read(Path(file));
        foreach (var (key, tensor) in tensors.Where(t => t.Key != name))
        {
            tensor.Dispose();
        }

        return tensors.Single(t => t.Key == name).Value;
    }
}
