using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class ProcrustesMethodTests
{
    public static TheoryData<string> Methods => new() { "procrustes-weight", "procrustes-weight-layerwise", "procrustes-activation" };

    private static IAlignmentMethod Create(string id) => AlignmentMethods.Registry.Get(id).Create(null);

    /// <summary>A random MLP whose second hidden layer has dead units and whose first is wider than its input.</summary>
    private static (Mlp Mlp, ParameterSet Parameters) RankDeficientModel()
    {
        var mlp = new Mlp(5, [16, 12, 8], 3);
        var parameters = TestModels.Random(mlp, 21);
        // Units 0–3 of layer 2 never fire: zero incoming weights and a negative bias.
        parameters["layers.1.weight"].narrow(0, 0, 4).zero_();
        parameters["layers.1.bias"].narrow(0, 0, 4).fill_(-1.0);
        return (mlp, parameters);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Aligning_a_model_onto_itself_returns_the_identity_even_when_rank_deficient(string id)
    {
        // Given a model with dead units and a layer wider than its input, and B = A
        var (mlp, a) = RankDeficientModel();
        using var _ = a;
        using var x = TestModels.Inputs(40, 5, 22);

        // When A is aligned onto itself
        using var result = Create(id).Align(TestModels.Problem(mlp, a, a, x));

        // Then every transform is I and the function is unchanged
        foreach (var group in mlp.Symmetry.Groups)
        {
            using var identity = eye(group.Size, dtype: float64);
            Assert.True(TestModels.MaxAbsDifference(result.Transforms[group.Name], identity) < 1e-8, $"{id}: {group.Name} is not I");
        }
        using var aligned = result.Transforms.Apply(mlp.Symmetry, a);
        using var before = mlp.Forward(a, x);
        using var after = mlp.Forward(aligned, x);
        Assert.True(TestModels.MaxAbsDifference(before, after) <= 1e-6, id);
    }

    [Fact]
    public void Procrustes_weight_recovers_a_planted_rotation_and_is_exact_without_relu()
    {
        // Given B = a random rotation of A's hidden units
        var mlp = new Mlp(6, [10, 8], 4);
        using var a = TestModels.Random(mlp, 31);
        using var planted = RandomRotations(mlp.Symmetry, 32);
        using var b = planted.Apply(mlp.Symmetry, a);
        using var x = TestModels.Inputs(50, 6, 33);

        // When B is aligned onto A, run to convergence (orthogonal coordinate descent creeps: the default tol stops early)
        var options = new ProcrustesWeightOptions { Tol = 1e-15, MaxIter = 5000 };
        using var result = new ProcrustesWeight(options).Align(TestModels.Problem(mlp, a, b, x));
        using var aligned = result.Transforms.Apply(mlp.Symmetry, b);

        // Then T undoes the rotation: T = Qᵀ, and B' = A
        foreach (var group in mlp.Symmetry.Groups)
        {
            Assert.True(TestModels.MaxAbsDifference(result.Transforms[group.Name], planted[group.Name].T) < 1e-6, $"{group.Name}: {TestModels.MaxAbsDifference(result.Transforms[group.Name], planted[group.Name].T)} after {result.Diagnostics[0].Iterations} sweeps");
        }

        Assert.True(a.DistanceTo(aligned) < 1e-4);

        // And without relu a rotation is an exact symmetry: B' computes the same function as B
        using var linearB = LinearForward(mlp, b, x);
        using var linearAligned = LinearForward(mlp, aligned, x);
        Assert.True(TestModels.MaxAbsDifference(linearB, linearAligned) < 1e-4);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Transforms_are_orthogonal_and_the_objective_does_not_fall(string id)
    {
        // Given two independent models
        var mlp = new Mlp(12, [24, 24], 5);
        using var a = TestModels.Random(mlp, 41);
        using var b = TestModels.Random(mlp, 42);
        using var x = TestModels.Inputs(100, 12, 43);

        // When B is aligned onto A
        using var result = Create(id).Align(TestModels.Problem(mlp, a, b, x));

        // Then every T is orthogonal and each group's objective is at least its value at T = I
        foreach (var d in result.Diagnostics)
        {
            Assert.True(d.OrthogonalityDefect < 1e-10, $"{id}: {d.Group} defect {d.OrthogonalityDefect}");
            Assert.True(d.ObjectiveAfter >= d.ObjectiveBefore - 1e-9, $"{id}: {d.Group} {d.ObjectiveBefore} → {d.ObjectiveAfter}");
        }
    }

    [Fact]
    public void Sequential_activations_differ_from_the_original_ones()
    {
        // Given two independent models
        var mlp = new Mlp(12, [24, 24], 5);
        using var a = TestModels.Random(mlp, 51);
        using var b = TestModels.Random(mlp, 52);
        using var x = TestModels.Inputs(100, 12, 53);

        // When procrustes-activation runs with and without sequential activations
        using var sequential = new ProcrustesActivation(new ProcrustesActivationOptions { Sequential = true }).Align(TestModels.Problem(mlp, a, b, x));
        using var original = new ProcrustesActivation(new ProcrustesActivationOptions { Sequential = false }).Align(TestModels.Problem(mlp, a, b, x));

        // Then the first group agrees (nothing precedes it) and the second differs (relu does not commute with T_1)
        Assert.True(TestModels.MaxAbsDifference(sequential.Transforms["P_1"], original.Transforms["P_1"]) < 1e-10);
        Assert.True(TestModels.MaxAbsDifference(sequential.Transforms["P_2"], original.Transforms["P_2"]) > 1e-3);
    }

    private static GroupTransforms RandomRotations(SymmetrySpec spec, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return new GroupTransforms(spec.Groups.ToDictionary(g => g.Name, g =>
        {
            var (q, _) = linalg.qr(randn(g.Size, g.Size, dtype: float64, generator: generator));
            return q;
        }));
    }

    /// <summary>The MLP's function with relu replaced by the identity (a deep linear network).</summary>
    private static Tensor LinearForward(Mlp mlp, ParameterSet parameters, Tensor x)
    {
        var h = x.to(float64);
        for (var layer = 0; layer < mlp.Depth; layer++)
        {
            h = nn.functional.linear(h, parameters[Mlp.WeightName(layer)].to(float64), parameters[Mlp.BiasName(layer)].to(float64));
        }

        return h;
    }
}
