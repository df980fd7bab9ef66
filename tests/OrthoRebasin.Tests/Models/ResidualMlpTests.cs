using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Models;

public sealed class ResidualMlpTests
{
    // inputs, stream width, blocks, block hidden width, classes
    public static TheoryData<int, int, int, int, int> Shapes => new()
    {
        { 8, 16, 1, 32, 3 },
        { 10, 32, 3, 16, 5 },
        { 64, 24, 4, 48, 10 },
        { 5, 7, 2, 3, 4 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_rotation_of_the_stream_and_permutations_of_the_blocks_leave_the_logits_unchanged(int inputs, int width, int blocks, int blockHidden, int classes)
    {
        // Given a random residual MLP and a random transform of every group: Q orthogonal, P_k permutations
        var model = new ResidualMlp(inputs, width, blocks, blockHidden, classes);
        using var parameters = Random(model, 1);
        using var x = TestModels.Inputs(100, inputs, 2);
        using var transform = RandomTransform(model, 3);

        // When the transform is applied
        using var transformed = transform.Apply(model.Symmetry, parameters);

        // Then the weights moved but the function did not (relative to the logits' scale, float32 rounding)
        using var logits = model.Forward(parameters, x);
        using var logitsTransformed = model.Forward(transformed, x);
        Assert.True(parameters.DistanceTo(transformed) > 1e-2, "the transform changed nothing");
        Assert.True(RelativeDifference(logits, logitsTransformed) <= 1e-5, $"logits moved by {RelativeDifference(logits, logitsTransformed):E2} (relative)");
        Assert.True(transform.OrthogonalityDefect(ResidualMlp.StreamGroup) < 1e-12);
    }

    [Fact]
    public void The_spec_has_one_orthogonal_stream_group_and_one_permutation_group_per_block()
    {
        // Given
        var model = new ResidualMlp(8, 16, 3, 32, 4);

        // When
        var groups = model.Symmetry.Groups;

        // Then
        Assert.Equal([("Q_res", GroupKind.Orthogonal, 16), ("P_1", GroupKind.Permutation, 32), ("P_2", GroupKind.Permutation, 32), ("P_3", GroupKind.Permutation, 32)],
            groups.Select(g => (g.Name, g.Kind, g.Size)));
        Assert.Equal([null, "Q_res"], model.Symmetry.Axes["head.weight"]);
        Assert.Equal(["P_2", "Q_res"], model.Symmetry.Axes["blocks.1.in.weight"]);
        Assert.Equal(["Q_res", "P_2"], model.Symmetry.Axes["blocks.1.out.weight"]);
    }

    [Fact]
    public void The_stream_activations_are_every_depth_stacked_and_each_depth_alone()
    {
        // Given
        var model = new ResidualMlp(6, 12, 2, 20, 3);
        using var parameters = Random(model, 4);
        using var x = TestModels.Inputs(30, 6, 5);

        // When
        var activations = model.GroupActivations(parameters, x, ActivationKind.Post);

        // Then
        Assert.Equal([90L, 12L], activations[ResidualMlp.StreamGroup].shape);
        Assert.True(TestModels.Identical(activations[ResidualMlp.StreamGroup].narrow(0, 30, 30), activations[StreamDepth.At(ResidualMlp.StreamGroup, 1)]));
        Assert.Equal([30L, 20L], activations["P_2"].shape);
        foreach (var tensor in activations.Values)
        {
            tensor.Dispose();
        }
    }

    [Fact]
    public void A_learned_gain_is_rejected_with_a_pointer_to_folding_it()
    {
        // Given parameters that carry an RMSNorm gain, as a PyTorch residual MLP with nn.RMSNorm would
        var model = new ResidualMlp(6, 12, 2, 20, 3);
        using var parameters = WithGains(Random(model, 6), model, 7);
        using var x = TestModels.Inputs(10, 6, 8);

        // When
        var error = Assert.Throws<ArgumentException>(() => model.Forward(parameters, x));

        // Then
        Assert.Contains("'blocks.0.norm.weight' is a learned RMSNorm gain", error.Message, StringComparison.Ordinal);
        Assert.Contains("ResidualMlp.FoldGains", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folding_the_gains_keeps_the_function_and_the_rotation_symmetry()
    {
        // Given a residual MLP with learned gains and its logits computed with the gains applied explicitly
        var model = new ResidualMlp(6, 12, 2, 20, 3);
        using var parameters = WithGains(Random(model, 9), model, 10);
        using var x = TestModels.Inputs(50, 6, 11);
        using var reference = ForwardWithGains(model, parameters, x);

        // When the gains are folded into the next linear maps
        using var folded = model.FoldGains(parameters);
        using var logits = model.Forward(folded, x);
        using var transform = RandomTransform(model, 12);
        using var rotated = transform.Apply(model.Symmetry, folded);
        using var logitsRotated = model.Forward(rotated, x);

        // Then the function is the same, no gain is left, and a rotation of the stream is exact again
        Assert.True(RelativeDifference(reference, logits) <= 1e-5);
        Assert.DoesNotContain(folded.Names, n => n.EndsWith("norm.weight", StringComparison.Ordinal));
        Assert.True(RelativeDifference(logits, logitsRotated) <= 1e-5);
    }

    internal static ParameterSet Random(ResidualMlp model, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return model.Initialize(generator, CPU);
    }

    /// <summary>A Haar-ish random orthogonal Q (QR of a Gaussian matrix) on the stream and a random permutation per block.</summary>
    internal static GroupTransforms RandomTransform(ResidualMlp model, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var random = new Random(seed);
        return new GroupTransforms(model.Symmetry.Groups.ToDictionary(g => g.Name, g => g.Kind == GroupKind.Orthogonal
            ? linalg.qr(randn(g.Size, g.Size, dtype: float64, generator: generator)).Q
            : GroupTransforms.PermutationMatrix(Enumerable.Range(0, g.Size).OrderBy(_ => random.Next()).ToArray())));
    }

    internal static double RelativeDifference(Tensor reference, Tensor other) =>
        TestModels.MaxAbsDifference(reference, other) / reference.abs().max().item<float>();

    private static ParameterSet WithGains(ParameterSet parameters, ResidualMlp model, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var gains = Enumerable.Range(1, model.Blocks).Select(ResidualMlp.BlockGain).Append(ResidualMlp.HeadGain)
            .Select(name => KeyValuePair.Create(name, rand(model.Width, generator: generator) + 0.5));
        using (parameters)
        {
            return new ParameterSet(parameters.Clone().Entries.Concat(gains.ToList()));
        }
    }

    /// <summary>The residual MLP with gains written out: rms(h) ⊙ γ before every block and before the head.</summary>
    private static Tensor ForwardWithGains(ResidualMlp model, ParameterSet p, Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.linear(x, p["embed.weight"], p["embed.bias"]);
        for (var k = 1; k <= model.Blocks; k++)
        {
            var z = nn.functional.linear(ResidualMlp.Rms(h) * p[ResidualMlp.BlockGain(k)], p[ResidualMlp.InWeight(k)], p[ResidualMlp.InBias(k)]);
            h = h + nn.functional.linear(nn.functional.relu(z), p[ResidualMlp.OutWeight(k)], p[ResidualMlp.OutBias(k)]);
        }
        return nn.functional.linear(ResidualMlp.Rms(h) * p[ResidualMlp.HeadGain], p["head.weight"], p["head.bias"]).MoveToOuterDisposeScope();
    }
}
