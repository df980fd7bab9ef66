using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class WhitenedProcrustesTests
{
    public static TheoryData<string> Cases => OrthogonalSweepCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Aligning_a_model_onto_itself_returns_the_identity(string name) =>
        OrthogonalSweepCases.AssertSelfAlignmentIsIdentity(new WhitenedProcrustes(new WhitenedProcrustesOptions()), name);

    [Fact]
    public void Whitened_rows_have_identity_covariance()
    {
        // Given a full-rank 8 × 30 weight matrix with very unequal row scales
        using var generator = new Generator(61);
        using var scales = tensor(new[] { 1e-3, 1e-2, 0.1, 1, 2, 5, 10, 100 }).unsqueeze(1);
        using var w = randn(8, 30, dtype: float64, generator: generator) * scales;

        // When it is whitened
        using var whitened = WhitenedProcrustes.Whiten(w, 1e-12);

        // Then W̃ W̃ᵀ / d_in = I
        using var covariance = whitened.matmul(whitened.T) / 30;
        Assert.True(OrthogonalSweepCases.MaxDistanceToIdentity(covariance) <= 1e-8);
    }

    [Fact]
    public void Each_transform_is_the_procrustes_rotation_of_the_whitened_rows()
    {
        // Given two random MLPs
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 62);
        using var b = TestModels.Random(mlp, 63);
        using var x = TestModels.Inputs(10, 20, 64);
        var options = new WhitenedProcrustesOptions();

        // When whitened-procrustes aligns B onto A
        using var result = new WhitenedProcrustes(options).Align(TestModels.Problem(mlp, a, b, x));

        // Then T_l = polar(W̃^A W̃^Bᵀ) with B's columns transformed by T_{l-1}, orthogonal, and its objective fell
        foreach (var group in mlp.Symmetry.Groups.Select(g => g.Name))
        {
            using var scope = NewDisposeScope();
            var whitenedA = WhitenedProcrustes.Whiten(ForwardSweep.IncomingRows(mlp.Symmetry, a, group), options.Eps);
            var whitenedB = WhitenedProcrustes.Whiten(ForwardSweep.IncomingRows(mlp.Symmetry, b, group, result.Transforms.Matrices), options.Eps);
            var expected = Procrustes.Polar(whitenedA.matmul(whitenedB.T));
            Assert.True((result.Transforms[group] - expected).abs().max().item<double>() <= 1e-8, group);
            Assert.True(OrthogonalSweepCases.OrthogonalityDefect(result.Transforms[group]) <= 1e-10, group);
        }
        foreach (var diagnostics in result.Diagnostics)
        {
            Assert.True(diagnostics.ObjectiveAfter < diagnostics.ObjectiveBefore, diagnostics.Group);
        }
    }
}
