using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class ReflectionTests
{
    public static IEnumerable<object[]> EigMethods =>
    [
        [new ReflectionOptions()],
        [new ReflectionOptions { On = ReflectionTarget.Activations }],
        [new ReflectionOptions { On = ReflectionTarget.Activations, Activations = ActivationKind.Pre }],
    ];

    [Theory]
    [MemberData(nameof(EigMethods))]
    public void Reflecting_a_model_onto_itself_flips_only_a_dead_unit(ReflectionOptions options)
    {
        // Given B = A, narrow layers (full-rank weights and activations) and one dead unit in every hidden layer.
        // A reflection is never I; on B = A the best one flips a direction of least energy, here the dead unit's axis
        // (eigenvalue 0), which changes neither the objective nor the function
        var mlp = new Mlp(16, [12, 10], 3);
        using var random = TestModels.Random(mlp, 71);
        int[] dead = [4, 7];
        using var a = random.Map((name, tensor) =>
        {
            var copy = tensor.detach().clone();
            for (var layer = 0; layer < dead.Length; layer++)
            {
                if (name == Mlp.WeightName(layer) || name == Mlp.BiasName(layer))
                {
                    copy[dead[layer]].zero_();
                }
            }
            return copy;
        });
        using var x = TestModels.Inputs(200, 16, 72);

        // When A is reflected onto itself
        using var result = new ReflectionAlignment(options).Align(TestModels.Problem(mlp, a, a, x));

        // Then each T = I − 2 e_dead e_deadᵀ, the objective does not change, and the logits do not move
        for (var layer = 0; layer < dead.Length; layer++)
        {
            var group = mlp.Symmetry.Groups[layer];
            using var expected = eye(group.Size, dtype: float64);
            expected[dead[layer], dead[layer]] = tensor(-1.0, dtype: float64);
            Assert.True(TestModels.MaxAbsDifference(result.Transforms[group.Name].to(float32), expected.to(float32)) <= 1e-8, $"{group.Name} is not the dead unit's flip");
            // (on weights, layer 2's Zᴮ already carries layer 1's flip in its columns, so its objective is not 0, only unchanged)
            Assert.Equal(result.Diagnostics[layer].ObjectiveBefore, result.Diagnostics[layer].ObjectiveAfter, 1e-10);
        }
        using var aligned = result.Transforms.Apply(mlp.Symmetry, a);
        using var before = mlp.Forward(a, x);
        using var after = mlp.Forward(aligned, x);
        Assert.True(TestModels.MaxAbsDifference(before, after) <= 1e-6, "logits moved");
    }

    [Fact]
    public void Reflecting_a_wide_layer_onto_itself_leaves_its_weights_unchanged()
    {
        // Given B = A with a first hidden layer wider than its input (16 units, 5 inputs + bias), so its weights have a
        // null direction v (vᵀ[W b] = 0). Honest expectation: T = I − 2vvᵀ leaves those weights unchanged (objective 0),
        // but not the function: the next layer sees relu(z)'s component along v flipped, so logits are not asserted
        var mlp = new Mlp(5, [16, 8], 3);
        using var a = TestModels.Random(mlp, 81);
        using var x = TestModels.Inputs(50, 5, 82);

        // When A is reflected onto itself (weights, eig)
        using var result = new ReflectionAlignment(new ReflectionOptions()).Align(TestModels.Problem(mlp, a, a, x));

        // Then every T is a reflection (symmetric, orthogonal, trace d − 2), the wide layer's objective stays 0 and no
        // layer's objective falls below its value at T = I
        foreach (var (group, diagnostics) in mlp.Symmetry.Groups.Zip(result.Diagnostics))
        {
            var t = result.Transforms[group.Name];
            Assert.True((t - t.T).abs().max().item<double>() <= 1e-12, $"{group.Name} not symmetric");
            Assert.True(diagnostics.OrthogonalityDefect <= 1e-12, $"{group.Name} not orthogonal");
            Assert.Equal(group.Size - 2, t.trace().item<double>(), 1e-10);
            Assert.True(diagnostics.ObjectiveAfter >= diagnostics.ObjectiveBefore - 1e-12, $"{group.Name} beat the identity on B = A");
        }
        Assert.True(result.Diagnostics[0].ObjectiveAfter <= 1e-12, $"wide layer's objective {result.Diagnostics[0].ObjectiveAfter}");
        Assert.True(result.Diagnostics[1].ObjectiveAfter > 1e-6, "the full-rank layer cannot be reflected for free");
    }

    [Fact]
    public void Eig_and_adam_find_the_same_reflection()
    {
        // Given two random MLPs
        var mlp = new Mlp(6, [5, 4], 3);
        using var a = TestModels.Random(mlp, 91);
        using var b = TestModels.Random(mlp, 92);
        var problem = TestModels.Problem(mlp, a, b, TestModels.Inputs(10, 6, 93));

        // When both solvers run
        using var eig = new ReflectionAlignment(new ReflectionOptions()).Align(problem);
        using var adam = new ReflectionAlignment(new ReflectionOptions { Solver = ReflectionSolver.Adam, Steps = 2000 }).Align(problem);

        // Then they reach the same objective in every layer, and the same T (v up to sign)
        foreach (var (e, m) in eig.Diagnostics.Zip(adam.Diagnostics))
        {
            Assert.Equal(e.ObjectiveAfter, m.ObjectiveAfter, 1e-6);
            Assert.True(TestModels.MaxAbsDifference(eig.Transforms[e.Group].to(float32), adam.Transforms[m.Group].to(float32)) <= 1e-3, $"{e.Group}: different reflections");
        }
    }

    [Fact]
    public void Eig_beats_every_random_reflection()
    {
        // Given two random MLPs and the first hidden layer's weights Z = [W b] (no earlier group, so B's are as they are)
        var mlp = new Mlp(7, [9], 3);
        using var a = TestModels.Random(mlp, 101);
        using var b = TestModels.Random(mlp, 102);
        using var za = cat([a[Mlp.WeightName(0)], a[Mlp.BiasName(0)].unsqueeze(1)], 1).to(float64);
        using var zb = cat([b[Mlp.WeightName(0)], b[Mlp.BiasName(0)].unsqueeze(1)], 1).to(float64);

        // When eig picks the reflection
        using var result = new ReflectionAlignment(new ReflectionOptions()).Align(TestModels.Problem(mlp, a, b, TestModels.Inputs(10, 7, 103)));

        // Then its objective, reported and recomputed directly, is at most that of 200 random reflections
        var found = Objective(za, zb, result.Transforms["P_1"]);
        Assert.Equal(found, result.Diagnostics[0].ObjectiveAfter, 1e-10);
        using var generator = new Generator(104);
        for (var trial = 0; trial < 200; trial++)
        {
            using var v = randn(9, dtype: float64, generator: generator);
            using var unit = v / v.norm();
            using var reflection = eye(9, dtype: float64) - 2 * unit.outer(unit);
            Assert.True(found <= Objective(za, zb, reflection) + 1e-12, $"random reflection {trial} beat eig");
        }
    }

    private static double Objective(Tensor za, Tensor zb, Tensor t)
    {
        using var difference = za - t.matmul(zb);
        return difference.square().sum().item<double>();
    }
}
