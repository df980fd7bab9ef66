using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Import;
using OrthoRebasin.Models;
using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Tests.Import;

public sealed class ImportGatesTests
{
    [Fact]
    public void A_correct_import_passes_the_symmetry_gate_and_computes_the_reference_logits()
    {
        // Given both pytorch MLPs imported, the probe inputs and the logits pytorch computed on them
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = labels;
        using var __ = inputs;
        foreach (var (file, key) in new[] { ("mlp_sequential_seed1.pt", "seed1"), ("mlp_named_fc.pt", "seed1"), ("mlp_wrapped_dataparallel.pt", "seed2") })
        {
            using var imported = PyTorchFixtures.Import(file);
            using var reference = PyTorchFixtures.Tensor("reference_logits.pt", key);

            // When / Then both gates pass
            ImportGates.CheckSymmetries(PyTorchFixtures.Mlp, imported.Parameters, inputs, file);
            ImportGates.CheckReference(PyTorchFixtures.Mlp, imported.Parameters, inputs, reference, file);
            using var logits = PyTorchFixtures.Mlp.Forward(imported.Parameters, inputs);
            Assert.True(ImportGates.RelativeDifference(reference, logits) <= ImportGates.Tolerance, file);
        }
    }

    [Fact]
    public void A_declared_rotation_of_relu_units_is_caught_naming_the_group_and_the_fix()
    {
        // Given a correct import and a declared symmetry that claims the first hidden layer may be rotated
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = labels;
        using var __ = inputs;
        using var imported = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        var own = PyTorchFixtures.Mlp.Symmetry;
        var declared = new SymmetrySpec([.. own.Groups.Select(g => g.Name == "P_1" ? g with { Kind = GroupKind.Orthogonal } : g)], own.Axes);

        // When gated
        var error = Assert.Throws<CheckpointImportException>(() => ImportGates.CheckSymmetries(PyTorchFixtures.Mlp, imported.Parameters, inputs, "seed1.pt", declared: declared));

        // Then the one-line error names the group, what breaks and what to declare instead
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("symmetry group P_1 (rotations of 32 units) is not a symmetry of the imported model", error.Message);
        Assert.Contains("declare the group as permutations", error.Message);
    }

    [Fact]
    public void A_declared_group_that_skips_a_layer_is_caught_with_the_likely_causes()
    {
        // Given a declared symmetry whose first group acts on layer 0's outputs and layer 2's inputs, as if layer 1 were
        // not there (the spec of a model without the layer the checkpoint has)
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = labels;
        using var __ = inputs;
        using var imported = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        var declared = new SymmetrySpec([new SymmetryGroup("P_1", GroupKind.Permutation, 32)], new Dictionary<string, IReadOnlyList<string?>>
        {
            ["layers.0.weight"] = ["P_1", null], ["layers.0.bias"] = ["P_1"],
            ["layers.1.weight"] = [null, null], ["layers.1.bias"] = [null],
            ["layers.2.weight"] = [null, "P_1"], ["layers.2.bias"] = [null],
        });

        // When gated
        var error = Assert.Throws<CheckpointImportException>(() => ImportGates.CheckSymmetries(PyTorchFixtures.Mlp, imported.Parameters, inputs, "seed1.pt", declared: declared));

        // Then the error names the group and the two likely causes
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("symmetry group P_1 (permutations of 32 units) is not a symmetry", error.Message);
        Assert.Contains("two layers swapped", error.Message);
        Assert.Contains("a layer the declared model does not have", error.Message);
    }

    [Fact]
    public void Two_equal_layers_swapped_by_a_bad_mapping_keep_the_symmetries_but_fail_the_reference_gate()
    {
        // Given the Sequential MLP imported with a mapping that swaps the two hidden biases (both 32 long)
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = labels;
        using var __ = inputs;
        using var reference = PyTorchFixtures.Tensor("reference_logits.pt", "seed1");
        using var swapped = PyTorchFixtures.Import("mlp_sequential_seed1.pt", NameMapping.Explicit(new Dictionary<string, string?>
        {
            ["0.weight"] = "layers.0.weight", ["0.bias"] = "layers.1.bias",
            ["2.weight"] = "layers.1.weight", ["2.bias"] = "layers.0.bias",
            ["4.weight"] = "layers.2.weight", ["4.bias"] = "layers.2.bias",
        }));

        // When gated
        ImportGates.CheckSymmetries(PyTorchFixtures.Mlp, swapped.Parameters, inputs, "seed1.pt");
        var error = Assert.Throws<CheckpointImportException>(() => ImportGates.CheckReference(PyTorchFixtures.Mlp, swapped.Parameters, inputs, reference, "seed1.pt"));

        // Then the swapped model is still symmetric (the symmetry gate cannot see it), but it is not the checkpoint's function
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("does not compute what the checkpoint's module computed", error.Message);
        Assert.Contains("two layers of one shape swapped", error.Message);
    }

    [Fact]
    public void An_exact_alignment_passes_the_function_gate_and_a_rotation_fails_it()
    {
        // Given the two imported MLPs
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = labels;
        using var __ = inputs;
        using var a = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var b = PyTorchFixtures.Import("mlp_sequential_seed2.pt");
        var mlp = PyTorchFixtures.Mlp;
        var problem = TestModels.Problem(mlp, a.Parameters, b.Parameters, inputs);

        // When B is aligned by weight matching (exact) and by Procrustes on the weights (rotations of relu units)
        using var matched = AlignmentMethods.Registry.Get("weight-matching").Create(null).Align(problem);
        using var permuted = matched.Transforms.Apply(mlp.Symmetry, b.Parameters);
        using var rotated = AlignmentMethods.Registry.Get("procrustes-weight").Create(null).Align(problem);
        using var turned = rotated.Transforms.Apply(mlp.Symmetry, b.Parameters);

        // Then B' of the exact method computes B's function, and a rotated B' is refused in one line
        ImportGates.CheckSameFunction(mlp, permuted, b.Parameters, inputs, "weight-matching", "seed2.pt");
        Assert.True(permuted.DistanceTo(b.Parameters) > 1e-2, "weight matching moved nothing");
        var error = Assert.Throws<CheckpointImportException>(() => ImportGates.CheckSameFunction(mlp, turned, b.Parameters, inputs, "procrustes-weight", "seed2.pt"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("after aligning with procrustes-weight, which is exact, B' does not compute B's function", error.Message);
    }
}
