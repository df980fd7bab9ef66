using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using OrthoRebasin.Tests.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

/// <summary>The methods that run on the residual MLP: all exact, and residual-procrustes finds a planted rotation.</summary>
public sealed class ResidualMethodTests
{
    public static IAlignmentMethod[] Methods =>
    [
        new IdentityAlignment(),
        new WeightMatching(new WeightMatchingOptions()),
        new ActivationMatching(new ActivationMatchingOptions()),
        new ActivationMatching(new ActivationMatchingOptions { Activations = ActivationKind.Pre, Center = true }),
        new ResidualProcrustes(new ResidualProcrustesOptions { Stream = StreamActivations.All }),
        new ResidualProcrustes(new ResidualProcrustesOptions { Stream = StreamActivations.Embedding }),
    ];

    [Fact]
    public void Every_method_on_the_residual_model_keeps_B_s_function()
    {
        // Given two independently initialised residual MLPs
        var model = new ResidualMlp(12, 24, 3, 32, 5);
        using var a = ResidualMlpTests.Random(model, 1);
        using var b = ResidualMlpTests.Random(model, 2);
        using var x = TestModels.Inputs(300, 12, 3);
        using var logitsB = model.Forward(b, x);
        using var predictionsB = logitsB.argmax(1);

        foreach (var method in Methods)
        {
            // When B is aligned onto A
            using var result = method.Align(Problem(model, a, b, x));
            using var aligned = result.Transforms.Apply(model.Symmetry, b);
            using var logitsAligned = model.Forward(aligned, x);

            // Then B' predicts exactly what B predicts, its logits agree to float rounding, and the block transforms are permutations
            using var predictionsAligned = logitsAligned.argmax(1);
            Assert.True(TestModels.Identical(predictionsB, predictionsAligned), $"{method.Id}: a prediction changed");
            Assert.True(ResidualMlpTests.RelativeDifference(logitsB, logitsAligned) <= 1e-5, $"{method.Id}: logits moved");
            foreach (var group in model.Symmetry.Groups.Where(g => g.Kind == GroupKind.Permutation))
            {
                var t = result.Transforms[group.Name];
                Assert.True(t.sum([0L]).eq(1).all().item<bool>() && t.sum([1L]).eq(1).all().item<bool>() && t.eq(0).logical_or(t.eq(1)).all().item<bool>(), $"{method.Id}: {group.Name} is not a permutation");
            }
            Assert.True(result.Transforms.OrthogonalityDefect(ResidualMlp.StreamGroup) < 1e-10, $"{method.Id}: Q is not orthogonal");
        }
    }

    [Theory]
    [InlineData(StreamActivations.All)]
    [InlineData(StreamActivations.Embedding)]
    public void Residual_procrustes_recovers_a_planted_rotation_and_planted_permutations(StreamActivations stream)
    {
        // Given B = A under a random rotation of the stream and random permutations of the blocks
        // (more inputs than stream width, so even the embedding's activations span the whole stream)
        var model = new ResidualMlp(20, 16, 3, 24, 5);
        using var a = ResidualMlpTests.Random(model, 4);
        using var planted = ResidualMlpTests.RandomTransform(model, 5);
        using var b = planted.Apply(model.Symmetry, a);
        using var x = TestModels.Inputs(200, 20, 6);

        // When B is aligned onto A
        using var result = new ResidualProcrustes(new ResidualProcrustesOptions { Stream = stream }).Align(Problem(model, a, b, x));

        // Then the transforms undo the planted ones: Q = Q_plantedᵀ to float rounding, P_k = P_kᵀ exactly, and B' = A
        Assert.True(TestModels.MaxAbsDifference(result.Transforms[ResidualMlp.StreamGroup], planted[ResidualMlp.StreamGroup].T) < 1e-5, "Q not recovered");
        foreach (var group in model.Symmetry.Groups.Where(g => g.Kind == GroupKind.Permutation))
        {
            Assert.True(TestModels.Identical(result.Transforms[group.Name], planted[group.Name].T), $"{group.Name} not recovered");
        }

        using var aligned = result.Transforms.Apply(model.Symmetry, b);
        Assert.True(a.DistanceTo(aligned) < 1e-4 * a.DistanceTo(b), $"B' is {a.DistanceTo(aligned):E2} from A");
    }

    [Fact]
    public void Residual_procrustes_on_a_model_without_a_stream_says_why()
    {
        // Given an MLP: permutation groups only
        var mlp = new Mlp(6, [8, 8], 3);
        using var a = TestModels.Random(mlp, 1);
        using var b = TestModels.Random(mlp, 2);
        using var x = TestModels.Inputs(20, 6, 3);

        // When
        var error = Assert.Throws<ArgumentException>(() => new ResidualProcrustes(new ResidualProcrustesOptions()).Align(TestModels.Problem(mlp, a, b, x)));

        // Then
        Assert.Contains("needs an orthogonal group", error.Message, StringComparison.Ordinal);
    }

    private static AlignmentProblem Problem(ResidualMlp model, ParameterSet a, ParameterSet b, Tensor samples) =>
        new(model.Symmetry, a, b, (p, kind) => model.GroupActivations(p, samples, kind), 0);
}
