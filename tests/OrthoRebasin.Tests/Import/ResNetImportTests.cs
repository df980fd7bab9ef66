using OrthoRebasin.Data;
using OrthoRebasin.Import;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Import;

public sealed class ResNetImportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-import-resnet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_batchnorm_resnet_imports_by_its_names_passes_both_gates_and_exports_its_counters_back()
    {
        // Given pytorch's ResNet-20 at 3/16 width with BatchNorm, and its logits on four images
        var resnet = new ResNet(new ImageShape(3, 32, 32), 0.1875, Normalisation.Batchnorm, 1, 10);
        using var inputs = PyTorchFixtures.Tensor("resnet20_probe.pt", "inputs");
        using var logits = PyTorchFixtures.Tensor("resnet20_probe.pt", "logits");

        // When imported, gated, exported and imported again
        using var imported = PyTorchFixtures.Import("resnet20_batchnorm.pt", architecture: resnet);
        ImportGates.CheckSymmetries(resnet, imported.Parameters, inputs, "resnet20_batchnorm.pt");
        ImportGates.CheckReference(resnet, imported.Parameters, inputs, logits, "resnet20_batchnorm.pt");
        var exported = Path.Combine(_root, "resnet.pt");
        CheckpointExport.SavePyTorch(exported, imported.Parameters, imported.Layout);
        using var again = CheckpointImport.Load(exported, resnet);

        // Then the running statistics are imported, the 21 BatchNorm counters carried and written back, and nothing changed
        Assert.Equal("this project's names", imported.Layout.RecognisedAs);
        Assert.Contains("layer2.0.shortcut.1.running_var", imported.Parameters.Names);
        Assert.Equal(21, imported.Layout.Carried.Count);
        Assert.All(imported.Layout.Carried, c => Assert.EndsWith(".num_batches_tracked", c.Key));
        using var counter = PyTorchFixtures.Tensor(exported, "layer3.2.bn2.num_batches_tracked");
        Assert.Equal(ScalarType.Int64, counter.dtype);
        Assert.Equal(7L, counter.item<long>());
        Assert.Equal(0.0, imported.Parameters.DistanceTo(again.Parameters));
    }
}
