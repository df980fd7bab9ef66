using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class PolarTests
{
    public static TheoryData<string> Cases => OrthogonalSweepCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Aligning_a_model_onto_itself_returns_the_identity(string name) =>
        OrthogonalSweepCases.AssertSelfAlignmentIsIdentity(new PolarAlignment(new PolarOptions()), name);

    [Fact]
    public void Polar_equals_the_svd_solution_on_well_conditioned_inputs()
    {
        // Given two random MLPs whose layers have more incoming columns than units (M full rank)
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 51);
        using var b = TestModels.Random(mlp, 52);
        using var x = TestModels.Inputs(10, 20, 53);

        // When polar aligns B onto A
        using var result = new PolarAlignment(new PolarOptions()).Align(TestModels.Problem(mlp, a, b, x));

        // Then each T_l is Procrustes.Polar of the same M (earlier groups' transforms applied), and the diagnostics say so
        foreach (var group in mlp.Symmetry.Groups.Select(g => g.Name))
        {
            using var m = WeightCorrelation.Compute(mlp.Symmetry, a, b, result.Transforms.Matrices, group, incomingOnly: true);
            using var exact = Procrustes.Polar(m);
            Assert.True((result.Transforms[group] - exact).abs().max().item<double>() <= 1e-8, group);
            Assert.True(OrthogonalSweepCases.MaxDistanceToIdentity(exact) > 0.1, $"{group}: the case is trivial");
        }
        foreach (var diagnostics in result.Diagnostics)
        {
            var distance = diagnostics.Extra![PolarAlignment.DistanceToSvd];
            Assert.True(distance <= 1e-8, $"{diagnostics.Group}: ||T_polar − T_svd|| = {distance}");
            Assert.True(diagnostics.ObjectiveAfter > diagnostics.ObjectiveBefore, $"{diagnostics.Group}: tr(TᵀM) did not rise");
        }
    }

    [Fact]
    public void Eps_zero_on_a_rank_deficient_input_reports_the_breakdown()
    {
        // Given B with dead first-layer units, so M_1 = W_1^A W_1^Bᵀ + b_1^A b_1^Bᵀ has zero columns
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 54);
        var (_, b) = OrthogonalSweepCases.WithDeadUnits(mlp, 55, [2, 7, 11]);
        using var _ = b;
        using var x = TestModels.Inputs(10, 20, 56);

        // When polar runs with the study's unfloored inverse square root
        var error = Assert.Throws<AlignmentBreakdownException>(() => new PolarAlignment(new PolarOptions { Eps = 0 }).Align(TestModels.Problem(mlp, a, b, x)));

        // Then it names the group, the smallest eigenvalue and the fix
        Assert.Equal("P_1", error.Group);
        Assert.Contains("'P_1'", error.Message);
        Assert.Contains("eps", error.Message);
        Assert.True(Math.Abs(error.SmallestEigenvalue) < 1e-10, $"smallest eigenvalue {error.SmallestEigenvalue}");
    }

    [Fact]
    public void Eps_above_zero_on_a_rank_deficient_input_returns_a_finite_rotation()
    {
        // Given B with dead first-layer units
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 54);
        var (_, b) = OrthogonalSweepCases.WithDeadUnits(mlp, 55, [2, 7, 11]);
        using var _ = b;
        using var x = TestModels.Inputs(10, 20, 56);

        // When polar runs with a floor
        using var result = new PolarAlignment(new PolarOptions { Eps = 1e-12 }).Align(TestModels.Problem(mlp, a, b, x));

        // Then every T is finite and orthogonal, and agrees with the SVD solution where M determines it (the range)
        foreach (var group in mlp.Symmetry.Groups.Select(g => g.Name))
        {
            var t = result.Transforms[group];
            Assert.True(t.isfinite().all().item<bool>(), group);
            Assert.True(OrthogonalSweepCases.OrthogonalityDefect(t) <= 1e-8, group);
            using var m = WeightCorrelation.Compute(mlp.Symmetry, a, b, result.Transforms.Matrices, group, incomingOnly: true);
            Assert.True(WeightCorrelation.Inner(m, t) >= WeightCorrelation.Inner(m, Procrustes.Polar(m)) - 1e-8, $"{group}: not a Procrustes maximiser");
        }
    }

    [Fact]
    public void Procrustes_polar_is_a_maximiser_no_small_rotation_improves()
    {
        // Given a random M and Q = polar(M)
        using var generator = new Generator(57);
        using var m = randn(12, 12, dtype: float64, generator: generator);
        using var q = Procrustes.Polar(m);
        var best = WeightCorrelation.Inner(m, q);

        // When Q is moved along 100 random directions of O(d), Q exp(εS) with S skew
        var worse = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            using var scope = NewDisposeScope();
            var g = randn(12, 12, dtype: float64, generator: generator);
            var skew = (g - g.T) / 2;
            var moved = q.matmul(linalg.matrix_exp(skew * 1e-3));
            if (WeightCorrelation.Inner(m, moved) < best)
            {
                worse++;
            }
        }

        // Then every move lowers tr(Qᵀ M)
        Assert.Equal(100, worse);
    }

    [Fact]
    public void Procrustes_polar_is_the_identity_on_the_null_space()
    {
        // Given M with a random 6 × 6 block and zero rows and columns beyond it
        using var generator = new Generator(58);
        using var block = randn(6, 6, dtype: float64, generator: generator);
        using var m = nn.functional.pad(block, [0, 4, 0, 4]);

        // When its Procrustes rotation is computed
        using var q = Procrustes.Polar(m);

        // Then Q is polar(block) on the range and I on the null space, with nothing in between
        using var expectedBlock = Procrustes.Polar(block);
        Assert.True((q.narrow(0, 0, 6).narrow(1, 0, 6) - expectedBlock).abs().max().item<double>() <= 1e-10);
        Assert.True(OrthogonalSweepCases.MaxDistanceToIdentity(q.narrow(0, 6, 4).narrow(1, 6, 4)) <= 1e-10);
        Assert.True(q.narrow(0, 0, 6).narrow(1, 6, 4).abs().max().item<double>() <= 1e-10);
        Assert.True(q.narrow(0, 6, 4).narrow(1, 0, 6).abs().max().item<double>() <= 1e-10);
    }
}
