using OrthoRebasin.Alignment;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

/// <summary>Models and checks shared by the tests of the forward-sweep orthogonal methods.</summary>
internal static class OrthogonalSweepCases
{
    /// <summary>Self-alignment cases: a random MLP, one with dead units, one with a layer wider than its input.</summary>
    public static TheoryData<string> Names => new() { "random", "dead-units", "wider-than-input" };

    public static (Mlp Mlp, ParameterSet Parameters) Model(string name) => name switch
    {
        "random" => (new Mlp(20, [16, 12], 4), TestModels.Random(new Mlp(20, [16, 12], 4), 21)),
        "dead-units" => WithDeadUnits(new Mlp(20, [16, 12], 4), 22, [0, 3, 4, 9, 15]),
        "wider-than-input" => (new Mlp(5, [16, 8], 3), TestModels.Random(new Mlp(5, [16, 8], 3), 23)),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A random MLP whose listed first-layer units never fire: their rows of W_1 and b_1 are zero.</summary>
    public static (Mlp Mlp, ParameterSet Parameters) WithDeadUnits(Mlp mlp, int seed, long[] units)
    {
        var parameters = TestModels.Random(mlp, seed);
        using var rows = tensor(units);
        parameters[Mlp.WeightName(0)].index_fill_(0, rows, 0.0);
        parameters[Mlp.BiasName(0)].index_fill_(0, rows, 0.0);
        return (mlp, parameters);
    }

    public static double MaxDistanceToIdentity(Tensor t)
    {
        using var scope = NewDisposeScope();
        return (t - eye(t.shape[0], dtype: t.dtype)).abs().max().item<double>();
    }

    public static double OrthogonalityDefect(Tensor t)
    {
        using var scope = NewDisposeScope();
        return (t.T.matmul(t) - eye(t.shape[0], dtype: t.dtype)).norm().item<double>();
    }

    /// <summary>A random orthogonal d × d matrix (Q of a QR factorisation), float64.</summary>
    public static Tensor RandomOrthogonal(int d, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var (q, _) = linalg.qr(randn(d, d, dtype: float64, generator: generator));
        return q.MoveToOuterDisposeScope();
    }

    /// <summary>Aligns a model onto itself and asserts T = I on every group (to 1e-8) and unchanged logits.</summary>
    public static void AssertSelfAlignmentIsIdentity(IAlignmentMethod method, string name)
    {
        // Given a model and B = A
        var (mlp, a) = Model(name);
        using var _ = a;
        using var x = TestModels.Inputs(100, mlp.Widths[0], 24);

        // When A is aligned onto itself
        using var result = method.Align(TestModels.Problem(mlp, a, a, x));

        // Then every transform is the identity and the function is unchanged
        foreach (var group in mlp.Symmetry.Groups)
        {
            Assert.True(MaxDistanceToIdentity(result.Transforms[group.Name]) <= 1e-8, $"{method.Id}, {name}: {group.Name} is not I (max |T − I| = {MaxDistanceToIdentity(result.Transforms[group.Name]):G3})");
        }

        using var aligned = result.Transforms.Apply(mlp.Symmetry, a);
        using var before = mlp.Forward(a, x);
        using var after = mlp.Forward(aligned, x);
        Assert.True(TestModels.MaxAbsDifference(before, after) <= 1e-5, $"{method.Id}, {name}: logits moved");
    }
}
