using OrthoRebasin.Import;
using OrthoRebasin.IO;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Import;

public sealed class CheckpointImportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-import-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Sequential_and_named_layouts_import_under_the_project_names_with_the_stored_values()
    {
        // Given the seed-1 MLP saved by pytorch as an nn.Sequential (0, 2, 4) and as a module with fc1, fc2, fc3
        var (stored, _) = TensorFiles.Read(PyTorchFixtures.Path("mlp_sequential_seed1.pt"));

        // When both are imported without a mapping
        using var sequential = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var named = PyTorchFixtures.Import("mlp_named_fc.pt");

        // Then both carry the MLP's names in its order, float32, and the values pytorch stored, bit for bit
        string[] names = ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias"];
        Assert.Equal(names, sequential.Parameters.Names);
        Assert.Equal(names, named.Parameters.Names);
        Assert.Contains("Linear layers (0, 2, 4)", sequential.Layout.RecognisedAs);
        Assert.Contains("Linear layers (fc1, fc2, fc3)", named.Layout.RecognisedAs);
        foreach (var (layer, source) in new[] { (0, "0"), (1, "2"), (2, "4") })
        {
            foreach (var kind in new[] { "weight", "bias" })
            {
                var expected = stored.Single(s => s.Key == $"{source}.{kind}").Value;
                Assert.Equal(ScalarType.Float32, sequential.Parameters[$"layers.{layer}.{kind}"].dtype);
                Assert.True(TestModels.Identical(expected, sequential.Parameters[$"layers.{layer}.{kind}"]), $"layers.{layer}.{kind}");
                Assert.True(TestModels.Identical(expected, named.Parameters[$"layers.{layer}.{kind}"]), $"layers.{layer}.{kind} (named)");
            }
        }

        Assert.Empty(sequential.Layout.Conversions);
        Assert.Equal("fc2.weight", named.Layout.Find("layers.1.weight")!.SourceName);
        stored.ForEach(s => s.Value.Dispose());
    }

    [Fact]
    public void A_dataparallel_state_dict_inside_a_training_checkpoint_is_found_under_its_key()
    {
        // Given the seed-2 MLP inside nn.DataParallel (module.0.weight, ...), saved as {"model": state_dict, "epoch": 3}
        using var plain = PyTorchFixtures.Import("mlp_sequential_seed2.pt");

        // When imported without a mapping
        using var wrapped = PyTorchFixtures.Import("mlp_wrapped_dataparallel.pt");

        // Then the state dict under 'model' is found, the prefix removed, and the values are the plain file's
        Assert.Equal("model", wrapped.WrapperKey);
        Assert.Contains("'module.' prefix", wrapped.Layout.RecognisedAs);
        Assert.Equal("module.4.bias", wrapped.Layout.Find("layers.2.bias")!.SourceName);
        Assert.Equal(0.0, plain.Parameters.DistanceTo(wrapped.Parameters));
    }

    [Theory]
    [InlineData("mlp_sequential_seed1_float16.pt", ScalarType.Float16, 1e-3)]
    [InlineData("mlp_sequential_seed1_float16.safetensors", ScalarType.Float16, 1e-3)]
    [InlineData("mlp_sequential_seed1_float64.pt", ScalarType.Float64, 0.0)]
    public void Other_floating_point_dtypes_are_converted_to_float32_and_every_conversion_recorded(string file, ScalarType stored, double tolerance)
    {
        // Given the seed-1 MLP saved in half or double precision, and in float32
        using var single = PyTorchFixtures.Import("mlp_sequential_seed1.pt");

        // When imported
        using var imported = PyTorchFixtures.Import(file);

        // Then every tensor is float32, each conversion is recorded with its name and stored dtype, and the values are
        // the float32 ones up to the stored precision
        Assert.All(imported.Parameters.Entries, e => Assert.Equal(ScalarType.Float32, e.Value.dtype));
        Assert.Equal(imported.Parameters.Names, imported.Layout.Conversions.Select(c => c.ProjectName));
        Assert.All(imported.Layout.Conversions, c => Assert.Equal(stored, c.OriginalDtype));
        Assert.Contains(imported.Layout.Conversions, c => c.SourceName == "2.weight" && c.ProjectName == "layers.1.weight");
        foreach (var (name, tensor) in single.Parameters.Entries)
        {
            Assert.True(TestModels.MaxAbsDifference(tensor, imported.Parameters[name]) <= tolerance, name);
        }
    }

    [Theory]
    [InlineData("mlp_sequential_seed1.pt", ".pt")]
    [InlineData("mlp_named_fc.pt", ".pth")]
    [InlineData("mlp_wrapped_dataparallel.pt", ".bin")]
    [InlineData("mlp_sequential_seed1_float16.pt", ".pt")]
    [InlineData("mlp_sequential_seed1_float64.pt", ".pt")]
    [InlineData("mlp_sequential_seed1_float16.safetensors", ".safetensors")]
    public void Import_export_import_keeps_names_dtypes_and_values_bit_for_bit(string file, string extension)
    {
        // Given an imported checkpoint
        using var first = PyTorchFixtures.Import(file);
        var (original, _) = TensorFiles.Read(PyTorchFixtures.Path(file));
        var exported = Path.Combine(_root, "exported" + extension);

        // When exported with its layout and read back, raw and imported
        if (extension == ".safetensors")
        {
            CheckpointExport.SaveSafetensors(exported, first.Parameters, first.Layout);
        }
        else
        {
            CheckpointExport.SavePyTorch(exported, first.Parameters, first.Layout);
        }

        var (written, wrapper) = TensorFiles.Read(exported);
        using var second = CheckpointImport.Load(exported, PyTorchFixtures.Mlp);

        // Then the file has the checkpoint's names and dtypes (a bare state dict), and the second import is the first
        Assert.Null(wrapper);
        Assert.Equal(original.Select(o => o.Key).Order(), written.Select(w => w.Key).Order());
        foreach (var (name, tensor) in original)
        {
            Assert.Equal(tensor.dtype, written.Single(w => w.Key == name).Value.dtype);
        }

        Assert.Equal(first.Parameters.Names, second.Parameters.Names);
        Assert.Equal(first.Layout.Tensors, second.Layout.Tensors);
        foreach (var (name, tensor) in first.Parameters.Entries)
        {
            Assert.True(TestModels.Identical(tensor, second.Parameters[name]), name);
        }

        original.Concat(written).ToList().ForEach(t => t.Value.Dispose());
    }

    [Fact]
    public void A_bfloat16_safetensors_checkpoint_is_converted_and_exported_back_bit_for_bit()
    {
        // Given a checkpoint stored in bfloat16
        using var parameters = TestModels.Random(PyTorchFixtures.Mlp, 5);
        var stored = parameters.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.to(ScalarType.BFloat16))).ToList();
        var path = Path.Combine(_root, "bf16.safetensors");
        Safetensors.Save(path, stored);

        // When imported and exported again as safetensors
        using var imported = CheckpointImport.Load(path, PyTorchFixtures.Mlp);
        var exported = Path.Combine(_root, "exported.safetensors");
        CheckpointExport.SaveSafetensors(exported, imported.Parameters, imported.Layout);
        var (written, _) = Safetensors.LoadTensors(exported);

        // Then the import is float32 with every conversion recorded, and the export is the stored bfloat16, bit for bit
        Assert.All(imported.Layout.Conversions, c => Assert.Equal(ScalarType.BFloat16, c.OriginalDtype));
        Assert.Equal(6, imported.Layout.Conversions.Count);
        foreach (var (name, tensor) in stored)
        {
            var back = written.Single(w => w.Key == name).Value;
            Assert.Equal(ScalarType.BFloat16, back.dtype);
            Assert.Equal(ScalarType.Float32, imported.Parameters[name].dtype);
            Assert.True(TestModels.Identical(tensor.to(ScalarType.Float32), back.to(ScalarType.Float32)), name);
        }

        stored.Concat(written).ToList().ForEach(t => t.Value.Dispose());
    }

    [Fact]
    public void A_model_made_here_exports_under_its_own_names_and_imports_again_without_a_mapping()
    {
        // Given parameters of a model made here
        using var parameters = TestModels.Random(PyTorchFixtures.Mlp, 3);
        var path = Path.Combine(_root, "native.pt");

        // When exported with the native layout and imported
        CheckpointExport.SavePyTorch(path, parameters, CheckpointLayout.Native(parameters));
        using var imported = CheckpointImport.Load(path, PyTorchFixtures.Mlp);

        // Then it is recognised by its names and unchanged
        Assert.Equal("this project's names", imported.Layout.RecognisedAs);
        Assert.Equal(0.0, parameters.DistanceTo(imported.Parameters));
    }

    [Fact]
    public void Linear_layers_whose_names_sort_out_of_order_are_chained_by_their_shapes()
    {
        // Given the seed-1 MLP with layers named input, hidden, output (so hidden sorts first)
        using var seed1 = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        var path = Path.Combine(_root, "renamed.safetensors");
        var names = new[] { "input", "hidden", "output" };
        Safetensors.Save(path, seed1.Parameters.Entries.Select(e => KeyValuePair.Create(
            e.Key.Replace($"layers.{e.Key[7]}", names[e.Key[7] - '0'], StringComparison.Ordinal), e.Value)));

        // When imported without a mapping
        using var imported = CheckpointImport.Load(path, PyTorchFixtures.Mlp);

        // Then input, hidden, output become layers 0, 1, 2
        Assert.Equal("hidden.weight", imported.Layout.Find("layers.1.weight")!.SourceName);
        Assert.Equal(0.0, seed1.Parameters.DistanceTo(imported.Parameters));
    }

    [Fact]
    public void A_missing_tensor_is_named_with_the_mapping_entry_to_add_and_the_tensor_that_fits()
    {
        // Given a mapping for the fc1/fc2/fc3 module with a misspelt entry for fc3's bias
        var mapping = NameMapping.Explicit(new Dictionary<string, string?> { ["fc3.bias"] = "layers.2.bais" });

        // When imported
        var error = Assert.Throws<CheckpointImportException>(() => PyTorchFixtures.Import("mlp_named_fc.pt", mapping));

        // Then one line names the missing parameter, the entry to add and the tensor that fits
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(PyTorchFixtures.Path("mlp_named_fc.pt"), error.Message);
        Assert.Contains("no tensor for 'layers.2.bias' [10] of mlp 64-32-32-10", error.Message);
        Assert.Contains("add a mapping entry '<checkpoint name>: layers.2.bias'", error.Message);
        Assert.Contains("perhaps 'fc3.bias: layers.2.bias'", error.Message);
        Assert.Contains("1 more problem after this one", error.Message);
        Assert.IsAssignableFrom<UserErrorException>(error);
    }

    [Fact]
    public void A_last_layer_saved_without_bias_is_reported_as_the_one_missing_tensor()
    {
        // Given the fc1/fc2/fc3 module saved with no bias on fc3 (nn.Linear(32, 10, bias=False))
        using var seed1 = PyTorchFixtures.Import("mlp_named_fc.pt");
        var path = Path.Combine(_root, "nobias.safetensors");
        Safetensors.Save(path, seed1.Parameters.Entries.Where(e => e.Key != "layers.2.bias")
            .Select(e => KeyValuePair.Create(seed1.Layout.Find(e.Key)!.SourceName, e.Value)));

        // When imported
        var error = Assert.Throws<CheckpointImportException>(() => CheckpointImport.Load(path, PyTorchFixtures.Mlp));

        // Then that bias is the only problem
        Assert.EndsWith("no tensor for 'layers.2.bias' [10] of mlp 64-32-32-10: add a mapping entry '<checkpoint name>: layers.2.bias'.", error.Message);
    }

    [Fact]
    public void An_extra_tensor_is_named_with_how_to_map_or_drop_it_and_a_dropped_one_comes_back_on_export()
    {
        // Given a checkpoint with a tensor the MLP does not have
        using var seed1 = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var scale = ones(10);
        var path = Path.Combine(_root, "extra.safetensors");
        Safetensors.Save(path, seed1.Parameters.Entries.Append(KeyValuePair.Create("head.scale", scale)));

        // When imported without a mapping, then with one that drops it
        var error = Assert.Throws<CheckpointImportException>(() => CheckpointImport.Load(path, PyTorchFixtures.Mlp));
        using var dropped = CheckpointImport.Load(path, PyTorchFixtures.Mlp, NameMapping.Explicit(new Dictionary<string, string?> { ["head.scale"] = null }));
        var exported = Path.Combine(_root, "exported.pt");
        CheckpointExport.SavePyTorch(exported, dropped.Parameters, dropped.Layout);

        // Then the error names the tensor and both fixes; dropped, it is not imported but is written back
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("tensor 'head.scale' [10] has no place in mlp 64-32-32-10", error.Message);
        Assert.Contains("'head.scale: <name>'", error.Message);
        Assert.Contains("drop it ('head.scale: null')", error.Message);
        Assert.False(dropped.Parameters.Contains("head.scale"));
        using var back = PyTorchFixtures.Tensor(exported, "head.scale");
        Assert.True(TestModels.Identical(scale, back));
    }

    [Fact]
    public void A_mis_shaped_tensor_is_named_with_both_shapes_and_the_mapping_entry_that_produced_it()
    {
        // Given the 64-32-32-10 checkpoint declared as a 64-16-32-10 MLP
        var declared = new Mlp(64, [16, 32], 10);

        // When imported
        var error = Assert.Throws<CheckpointImportException>(() => PyTorchFixtures.Import("mlp_sequential_seed1.pt", architecture: declared));

        // Then one line names the tensor, the shape found and the shape expected, and the mapping entry
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("tensor '0.weight' has shape [32, 64] but 'layers.0.weight' of mlp 64-16-32-10 has shape [16, 64]", error.Message);
        Assert.Contains("mapping entry '0.weight: layers.0.weight'", error.Message);
        Assert.Contains("more problems after this one", error.Message);
    }

    [Fact]
    public void A_file_that_holds_no_state_dict_is_refused_in_one_line()
    {
        // Given a text file named like a checkpoint, and a torch.save dictionary with no tensors
        var text = Path.Combine(_root, "notes.pt");
        File.WriteAllText(text, "not a checkpoint");
        var settings = Path.Combine(_root, "settings.pt");
        using (var stream = File.Create(settings))
        {
            TorchSharp.PyBridge.PyTorchPickler.PickleStateDict(stream, new System.Collections.Hashtable { ["epoch"] = 3, ["optimizer"] = "sgd" });
        }

        // When imported
        var unreadable = Assert.Throws<CheckpointException>(() => CheckpointImport.Load(text, PyTorchFixtures.Mlp));
        var noStateDict = Assert.Throws<CheckpointException>(() => CheckpointImport.Load(settings, PyTorchFixtures.Mlp));

        // Then each error is one line naming the file and how to save a state dict
        Assert.All(new[] { unreadable, noStateDict }, e => Assert.DoesNotContain('\n', e.Message));
        Assert.StartsWith(text, unreadable.Message);
        Assert.Contains("torch.save(model.state_dict(), path)", unreadable.Message);
        Assert.Contains("keys [epoch, optimizer]", noStateDict.Message);
        Assert.Contains("'state_dict'", noStateDict.Message);
    }
}
