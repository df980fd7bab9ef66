using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class StiefelTests
{
    public static TheoryData<int, int[], int[]> SelfAlignmentShapes => new()
    {
        // Dead units: rows 2 and 5 of the first hidden layer never fire.
        { 16, new[] { 12, 10 }, new[] { 2, 5 } },
        // A hidden layer wider than its input, no dead units.
        { 5, new[] { 16, 8 }, Array.Empty<int>() },
        // Both.
        { 5, new[] { 16, 8 }, new[] { 0, 15 } },
    };

    public static IAlignmentMethod[] Methods =>
    [
        new StiefelAlignment(new StiefelOptions()),
        new StiefelActivation(new StiefelActivationOptions()),
        new StiefelActivation(new StiefelActivationOptions { Activations = ActivationKind.Pre }),
    ];

    [Theory]
    [MemberData(nameof(SelfAlignmentShapes))]
    public void Aligning_a_model_onto_itself_returns_the_identity(int inputs, int[] hidden, int[] deadUnits)
    {
        // Given B = A, with dead units and/or a layer wider than its input
        var mlp = new Mlp(inputs, hidden, 3);
        using var random = TestModels.Random(mlp, 21);
        using var a = WithDeadUnits(random, deadUnits);
        using var x = TestModels.Inputs(100, inputs, 22);
        using var before = mlp.Forward(a, x);

        foreach (var method in Methods)
        {
            // When A is aligned onto itself
            using var result = method.Align(TestModels.Problem(mlp, a, a, x));

            // Then every transform is I and the logits do not move
            foreach (var group in mlp.Symmetry.Groups)
            {
                using var identity = eye(group.Size, dtype: float64);
                Assert.True(TestModels.MaxAbsDifference(result.Transforms[group.Name].to(float32), identity.to(float32)) <= 1e-8, $"{method.Id}: {group.Name} is not I");
            }
            using var aligned = result.Transforms.Apply(mlp.Symmetry, a);
            using var after = mlp.Forward(aligned, x);
            Assert.True(TestModels.MaxAbsDifference(before, after) <= 1e-6, $"{method.Id}: logits moved");
        }
    }

    [Fact]
    public void Cayley_iterates_stay_orthogonal_over_a_thousand_steps()
    {
        // Given two random MLPs and the weight objective
        var mlp = new Mlp(6, [8, 8], 3);
        using var a = TestModels.Random(mlp, 31);
        using var b = TestModels.Random(mlp, 32);
        using var objective = new WeightDistanceObjective(mlp.Symmetry, a, b);
        using var start = GroupTransforms.Identity(mlp.Symmetry);

        // When the Cayley descent takes 1000 steps with no tolerance
        var run = new CayleyDescent(1000, 1e-3, 0).Minimise(objective, start.Matrices);
        using var found = new GroupTransforms(run.Transforms);

        // Then it really took 1000 steps, moved far from I, and every T is orthogonal to 1e-8 without re-orthogonalisation
        Assert.Equal(1000, run.Accepted + run.Rejected);
        foreach (var group in mlp.Symmetry.Groups)
        {
            using var identity = eye(group.Size, dtype: float64);
            Assert.True((found[group.Name] - identity).norm().item<double>() > 0.1, $"{group.Name} barely moved");
            Assert.True(found.OrthogonalityDefect(group.Name) <= 1e-8, $"{group.Name}: ||TᵀT − I|| = {found.OrthogonalityDefect(group.Name)}");
        }
    }

    [Fact]
    public void Stiefel_undoes_a_planted_rotation_of_a_linear_problem()
    {
        // Given B = Q(A) for planted rotations Q (det +1: the Cayley curve from I never leaves SO(d)); the weight
        // objective does not see the ReLU, so this is the linear problem, where B ≡ A as functions
        var mlp = new Mlp(10, [8, 6], 4);
        using var a = TestModels.Random(mlp, 41);
        using var planted = new GroupTransforms(mlp.Symmetry.Groups.ToDictionary(g => g.Name, g => Rotation(g.Size, 42 + g.Size)));
        using var b = planted.Apply(mlp.Symmetry, a);

        // When stiefel aligns B onto A from the identity
        using var result = new StiefelAlignment(new StiefelOptions { Steps = 3000, Lr = 0.5, Tol = 0 }).Align(TestModels.Problem(mlp, a, b, TestModels.Inputs(4, 10, 43)));

        // Then F falls to near zero, T = Qᵀ, and the per-group shares add up to ||A − B'||²
        var before = result.Diagnostics.Sum(d => d.ObjectiveBefore);
        var after = result.Diagnostics.Sum(d => d.ObjectiveAfter);
        Assert.True(after <= 1e-10 * before, $"F went from {before} to {after} only");
        foreach (var group in mlp.Symmetry.Groups)
        {
            Assert.True(TestModels.MaxAbsDifference(result.Transforms[group.Name].to(float32), planted[group.Name].T.to(float32)) <= 1e-4, $"{group.Name} not recovered");
        }

        using var aligned = result.Transforms.Apply(mlp.Symmetry, b);
        Assert.Equal(Math.Pow(a.DistanceTo(aligned), 2), after, 1e-6);
    }

    [Fact]
    public void Objective_never_increases_between_accepted_steps()
    {
        // Given two random MLPs and a step far too large for the weight objective
        var mlp = new Mlp(8, [10, 10], 3);
        using var a = TestModels.Random(mlp, 51);
        using var b = TestModels.Random(mlp, 52);
        using var objective = new WeightDistanceObjective(mlp.Symmetry, a, b);
        using var start = GroupTransforms.Identity(mlp.Symmetry);

        // When the Cayley descent runs
        var run = new CayleyDescent(200, 50, 0).Minimise(objective, start.Matrices);
        foreach (var t in run.Transforms.Values)
        {
            t.Dispose();
        }

        // Then the safeguard rejected steps, and F never rose from one accepted step to the next
        Assert.True(run.Rejected > 0, "the step never had to be halved: the test does not exercise the safeguard");
        for (var i = 1; i < run.Objectives.Count; i++)
        {
            Assert.True(run.Objectives[i] <= run.Objectives[i - 1], $"F rose at accepted step {i}: {run.Objectives[i - 1]} → {run.Objectives[i]}");
        }

        Assert.True(run.Objectives[^1] < run.Objectives[0]);
    }

    [Fact]
    public void Stiefel_activation_undoes_a_planted_rotation_of_the_activations()
    {
        // Given one group whose activations (n × d) are Zᴮ = Zᴬ Q: the unit-rows convention Z_l^A = T Z_l^B then needs T = Q
        const int size = 6;
        var spec = new SymmetrySpec([new SymmetryGroup("Q", GroupKind.Orthogonal, size)], new Dictionary<string, IReadOnlyList<string?>> { ["w"] = ["Q"] });
        using var za = TestModels.Inputs(50, size, 61).to(float64);
        using var q = Rotation(size, 62);
        using var zb = za.matmul(q);
        using var parametersA = new ParameterSet([KeyValuePair.Create("w", zeros(size, dtype: float64))]);
        using var parametersB = parametersA.Clone();
        var problem = new AlignmentProblem(spec, parametersA, parametersB, (p, _) => new Dictionary<string, Tensor> { ["Q"] = (ReferenceEquals(p, parametersA) ? za : zb).clone() }, 0);

        // When stiefel-activation aligns B onto A
        using var result = new StiefelActivation(new StiefelActivationOptions { Steps = 2000, Lr = 0.01, Tol = 0 }).Align(problem);

        // Then it finds T = Q and its objective falls to near zero
        Assert.True(TestModels.MaxAbsDifference(result.Transforms["Q"].to(float32), q.to(float32)) <= 1e-4, "Q not recovered");
        Assert.True(result.Diagnostics[0].ObjectiveAfter <= 1e-10 * result.Diagnostics[0].ObjectiveBefore, $"objective {result.Diagnostics[0].ObjectiveAfter}");
    }

    /// <summary>A copy of <paramref name="parameters"/> whose first hidden layer's <paramref name="units"/> have zero incoming weights and bias, so they never fire.</summary>
    internal static ParameterSet WithDeadUnits(ParameterSet parameters, IReadOnlyList<int> units) =>
        parameters.Map((name, tensor) =>
        {
            var copy = tensor.detach().clone();
            if (name == Mlp.WeightName(0) || name == Mlp.BiasName(0))
            {
                foreach (var unit in units)
                {
                    copy[unit].zero_();
                }
            }
            return copy;
        });

    /// <summary>A seeded random rotation (QR of a Gaussian, signs fixed, det +1).</summary>
    private static Tensor Rotation(int size, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var (q, r) = linalg.qr(randn(size, size, dtype: float64, generator: generator));
        q = q * r.diagonal().sign();
        if (linalg.det(q).item<double>() < 0)
        {
            q = q * cat([tensor(new[] { -1.0 }, dtype: float64), ones(size - 1, dtype: float64)]);
        }

        return q.MoveToOuterDisposeScope();
    }
}
