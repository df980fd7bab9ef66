using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class PermutationMethodTests
{
    public static TheoryData<int, int[], int> Shapes => new()
    {
        { 8, new[] { 16 }, 3 },
        { 10, new[] { 32, 16 }, 5 },
        { 64, new[] { 40, 40, 40 }, 10 },
        { 5, new[] { 3, 7, 2, 9 }, 4 },
    };

    public static IAlignmentMethod[] Methods =>
    [
        new WeightMatching(new WeightMatchingOptions()),
        new ActivationMatching(new ActivationMatchingOptions()),
        new ActivationMatching(new ActivationMatchingOptions { Activations = ActivationKind.Pre, Center = true }),
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Aligned_model_computes_the_same_function(int inputs, int[] hidden, int classes)
    {
        // Given two independently initialised MLPs
        var mlp = new Mlp(inputs, hidden, classes);
        using var a = TestModels.Random(mlp, 1);
        using var b = TestModels.Random(mlp, 2);
        using var x = TestModels.Inputs(200, inputs, 3);
        using var logitsB = mlp.Forward(b, x);

        foreach (var method in Methods)
        {
            // When B is aligned onto A
            using var result = method.Align(TestModels.Problem(mlp, a, b, x));
            using var aligned = result.Transforms.Apply(mlp.Symmetry, b);
            using var logitsAligned = mlp.Forward(aligned, x);

            // Then B' is B up to float rounding, and every transform is a permutation matrix
            Assert.True(TestModels.MaxAbsDifference(logitsB, logitsAligned) <= 1e-5, $"{method.Id}: logits moved");
            foreach (var group in mlp.Symmetry.Groups)
            {
                var t = result.Transforms[group.Name];
                Assert.Equal(group.Size, t.sum().item<double>());
                Assert.True(t.sum([0L]).eq(1).all().item<bool>() && t.sum([1L]).eq(1).all().item<bool>(), $"{method.Id}: {group.Name} is not a permutation");
            }
        }
    }

    [Fact]
    public void Weight_matching_recovers_a_planted_permutation()
    {
        // Given B = a random permutation of A's hidden units
        var mlp = new Mlp(12, [20, 24, 16], 6);
        using var a = TestModels.Random(mlp, 4);
        var random = new Random(5);
        var planted = new GroupTransforms(mlp.Symmetry.Groups.ToDictionary(
            g => g.Name,
            g => GroupTransforms.PermutationMatrix(Enumerable.Range(0, g.Size).OrderBy(_ => random.Next()).ToArray())));
        using var b = planted.Apply(mlp.Symmetry, a);
        using var x = TestModels.Inputs(10, 12, 6);

        // When B is aligned onto A by weight matching
        using var result = new WeightMatching(new WeightMatchingOptions()).Align(TestModels.Problem(mlp, a, b, x));

        // Then the transform undoes the planted one exactly: T = Pᵀ, and B' = A bit for bit
        using var aligned = result.Transforms.Apply(mlp.Symmetry, b);
        foreach (var group in mlp.Symmetry.Groups)
        {
            Assert.True(TestModels.Identical(result.Transforms[group.Name], planted[group.Name].T), $"{group.Name} not recovered");
        }

        foreach (var (name, tensor) in a.Entries)
        {
            Assert.True(TestModels.Identical(tensor, aligned[name]), $"{name} differs");
        }

        planted.Dispose();
    }

    [Fact]
    public void Aligning_a_model_onto_itself_returns_the_identity()
    {
        // Given B = A
        var mlp = new Mlp(16, [32, 32], 4);
        using var a = TestModels.Random(mlp, 7);
        using var x = TestModels.Inputs(300, 16, 8);

        foreach (var method in Methods)
        {
            // When A is aligned onto itself
            using var result = method.Align(TestModels.Problem(mlp, a, a, x));

            // Then every transform is I, or (activation matching) exchanges only units it cannot tell apart, leaving the function unchanged
            using var aligned = result.Transforms.Apply(mlp.Symmetry, a);
            using var before = mlp.Forward(a, x);
            using var after = mlp.Forward(aligned, x);
            Assert.True(TestModels.MaxAbsDifference(before, after) <= 1e-6, method.Id);
            if (method is WeightMatching)
            {
                foreach (var group in mlp.Symmetry.Groups)
                {
                    Assert.True(TestModels.Identical(result.Transforms[group.Name], eye(group.Size, dtype: float64)), group.Name);
                }
            }
        }
    }

    [Fact]
    public void Weight_matching_never_lowers_its_objective()
    {
        // Given two random MLPs
        var mlp = new Mlp(10, [30, 30], 3);
        using var a = TestModels.Random(mlp, 11);
        using var b = TestModels.Random(mlp, 12);
        using var x = TestModels.Inputs(10, 10, 13);

        // When weight matching runs
        using var result = new WeightMatching(new WeightMatchingOptions()).Align(TestModels.Problem(mlp, a, b, x));

        // Then the total correlation ⟨A, B'⟩ rose above ⟨A, B⟩
        double Inner(ParameterSet p, ParameterSet q) => p.Entries.Sum(e => (e.Value.to(float64) * q[e.Key].to(float64)).sum().item<double>());
        using var aligned = result.Transforms.Apply(mlp.Symmetry, b);
        Assert.True(Inner(a, aligned) > Inner(a, b));
        Assert.True(a.DistanceTo(aligned) < a.DistanceTo(b));
    }
}
