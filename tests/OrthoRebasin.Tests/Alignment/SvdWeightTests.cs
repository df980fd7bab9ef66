using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class SvdWeightTests
{
    public static TheoryData<string> Cases => OrthogonalSweepCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Aligning_a_model_onto_itself_returns_the_identity(string name)
    {
        OrthogonalSweepCases.AssertSelfAlignmentIsIdentity(new SvdWeight(new SvdWeightOptions()), name);
        OrthogonalSweepCases.AssertSelfAlignmentIsIdentity(new SvdWeight(new SvdWeightOptions { SignFix = SignFix.Match, Rank = 3 }), name);
    }

    [Fact]
    public void Sign_fix_match_undoes_the_sign_an_svd_is_free_to_choose()
    {
        // Given A's left singular vectors and B's equal to them up to the signs an SVD may pick (every other one flipped)
        using var leftA = OrthogonalSweepCases.RandomOrthogonal(10, 31);
        using var signs = tensor(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray());
        using var leftB = leftA * signs;

        // When the rotation is formed with and without the sign fix
        using var withoutFix = SvdWeight.Rotation(leftA, leftB, 10, SignFix.None, Procrustes.DefaultRtol);
        using var withFix = SvdWeight.Rotation(leftA, leftB, 10, SignFix.Match, Procrustes.DefaultRtol);

        // Then without it T = U S Uᵀ rotates the identical vectors, with it T = I
        Assert.True(OrthogonalSweepCases.MaxDistanceToIdentity(withoutFix) > 0.1);
        Assert.True(OrthogonalSweepCases.MaxDistanceToIdentity(withFix) <= 1e-10);
    }

    [Fact]
    public void Sign_fix_match_picks_the_rotation_closest_to_the_identity_among_the_svd_sign_choices()
    {
        // Given two independent MLPs, whose paired singular vectors point alike or opposite at random
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 32);
        using var b = TestModels.Random(mlp, 33);
        using var x = TestModels.Inputs(10, 20, 34);
        using var rowsA = ForwardSweep.IncomingRows(mlp.Symmetry, a, "P_1");
        using var rowsB = ForwardSweep.IncomingRows(mlp.Symmetry, b, "P_1");
        var (basisA, basisB, count) = SvdWeight.LeftSingularBases(rowsA, rowsB, 0, Procrustes.DefaultRtol);
        using var leftA = basisA.narrow(1, 0, count);
        using var leftB = basisB.narrow(1, 0, count);
        using var signs = leftA.mul(leftB).sum([0L]).sign();

        // When svd-weight aligns B onto A with and without the sign fix
        using var plain = new SvdWeight(new SvdWeightOptions()).Align(TestModels.Problem(mlp, a, b, x));
        using var matched = new SvdWeight(new SvdWeightOptions { SignFix = SignFix.Match }).Align(TestModels.Problem(mlp, a, b, x));

        // Then without the fix T_1 = U^A U^Bᵀ keeps the SVD's signs, with it T_1 = U^A S U^Bᵀ (S = sign⟨u_i^A, u_i^B⟩), nearer to I
        Assert.True(signs.lt(0).any().item<bool>(), "no pair points opposite: the case does not exercise the fix");
        using var expectedPlain = leftA.matmul(leftB.T);
        using var expectedMatched = leftA.mul(signs).matmul(leftB.T);
        Assert.True((plain.Transforms["P_1"] - expectedPlain).abs().max().item<double>() <= 1e-8);
        Assert.True((matched.Transforms["P_1"] - expectedMatched).abs().max().item<double>() <= 1e-8);
        using var identity = eye(16, dtype: float64);
        Assert.True((matched.Transforms["P_1"] - identity).norm().item<double>() < (plain.Transforms["P_1"] - identity).norm().item<double>());
        basisA.Dispose();
        basisB.Dispose();
    }

    [Fact]
    public void Singular_vectors_have_a_canonical_sign_so_sign_fix_none_is_reproducible()
    {
        // Given the first-layer rows of two random MLPs
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 44);
        using var b = TestModels.Random(mlp, 45);
        using var rowsA = ForwardSweep.IncomingRows(mlp.Symmetry, a, "P_1");
        using var rowsB = ForwardSweep.IncomingRows(mlp.Symmetry, b, "P_1");

        // When their left singular bases are computed
        var (basisA, basisB, _) = SvdWeight.LeftSingularBases(rowsA, rowsB, 0, Procrustes.DefaultRtol);

        // Then each vector's largest entry is positive, whatever signs the eigensolver (its blocking, its threads) chose
        foreach (var basis in new[] { basisA, basisB })
        {
            using var largest = basis.gather(0, basis.abs().argmax(0, keepdim: true));
            Assert.True(largest.gt(0).all().item<bool>());
            basis.Dispose();
        }
    }

    [Fact]
    public void The_rotation_of_k_paired_vectors_is_procrustes_polar_of_their_product()
    {
        // Given two random orthonormal bases of R^12, of which the first 4 columns are paired
        using var basisA = OrthogonalSweepCases.RandomOrthogonal(12, 42);
        using var basisB = OrthogonalSweepCases.RandomOrthogonal(12, 43);

        // When the rotation is formed from the first 4 columns, completed on the rest
        using var rotation = SvdWeight.Rotation(basisA, basisB, 4, SignFix.None, Procrustes.DefaultRtol);

        // Then it is Procrustes.Polar(U^A_4 U^B_4ᵀ), the closest-to-identity maximiser, and maps u_i^B onto u_i^A
        using var expected = Procrustes.Polar(basisA.narrow(1, 0, 4).matmul(basisB.narrow(1, 0, 4).T));
        Assert.True((rotation - expected).abs().max().item<double>() <= 1e-10);
        Assert.True((rotation.matmul(basisB.narrow(1, 0, 4)) - basisA.narrow(1, 0, 4)).abs().max().item<double>() <= 1e-10);
        Assert.True(OrthogonalSweepCases.OrthogonalityDefect(rotation) <= 1e-10);
    }

    [Fact]
    public void Rank_k_uses_only_the_k_dominant_vectors()
    {
        // Given B, and B2 whose first-layer rows [W | b] share B's 4 dominant singular triplets but not the rest
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 35);
        using var b = TestModels.Random(mlp, 36);
        using var b2 = WithTrailingLeftVectorsRotated(mlp, b, 4, 37);
        using var x = TestModels.Inputs(10, 20, 38);

        // When both are aligned with rank 4, and with all vectors
        SvdWeight Method(int rank) => new(new SvdWeightOptions { SignFix = SignFix.Match, Rank = rank });
        using var rank4 = Method(4).Align(TestModels.Problem(mlp, a, b, x));
        using var rank4Changed = Method(4).Align(TestModels.Problem(mlp, a, b2, x));
        using var full = Method(0).Align(TestModels.Problem(mlp, a, b, x));
        using var fullChanged = Method(0).Align(TestModels.Problem(mlp, a, b2, x));

        // Then rank 4 ignores the change in the trailing vectors (up to B2's float32 rounding), all vectors do not
        Assert.True((rank4.Transforms["P_1"] - rank4Changed.Transforms["P_1"]).abs().max().item<double>() <= 1e-5);
        Assert.True((full.Transforms["P_1"] - fullChanged.Transforms["P_1"]).abs().max().item<double>() > 1e-2);
    }

    [Fact]
    public void Rank_changes_the_result_and_keeps_every_transform_orthogonal()
    {
        // Given two random MLPs
        var mlp = new Mlp(20, [16, 12], 4);
        using var a = TestModels.Random(mlp, 39);
        using var b = TestModels.Random(mlp, 40);
        using var x = TestModels.Inputs(10, 20, 41);

        // When svd-weight runs with k = 2, 5 and all vectors
        var results = new[] { 2, 5, 0 }.Select(k => new SvdWeight(new SvdWeightOptions { Rank = k }).Align(TestModels.Problem(mlp, a, b, x))).ToList();

        // Then each k gives a different rotation, every one orthogonal, and the diagnostics say the objective fell
        foreach (var group in mlp.Symmetry.Groups.Select(g => g.Name))
        {
            for (var i = 0; i < results.Count; i++)
            {
                Assert.True(OrthogonalSweepCases.OrthogonalityDefect(results[i].Transforms[group]) <= 1e-10, group);
                for (var j = i + 1; j < results.Count; j++)
                {
                    Assert.True((results[i].Transforms[group] - results[j].Transforms[group]).abs().max().item<double>() > 1e-2, $"{group}: results {i} and {j} coincide");
                }
            }
        }
        foreach (var diagnostics in results.SelectMany(r => r.Diagnostics))
        {
            Assert.True(diagnostics.ObjectiveAfter < diagnostics.ObjectiveBefore, diagnostics.Group);
        }

        results.ForEach(r => r.Dispose());
    }

    /// <summary>B with its first layer's rows [W | b] = U Σ Vᵀ replaced by U' Σ Vᵀ, U' = U with columns after the first k rotated among themselves.</summary>
    private static ParameterSet WithTrailingLeftVectorsRotated(Mlp mlp, ParameterSet b, int k, int seed)
    {
        using var scope = NewDisposeScope();
        var rows = ForwardSweep.IncomingRows(mlp.Symmetry, b, "P_1");
        var (u, s, vh) = linalg.svd(rows, fullMatrices: false);
        var trailing = u.shape[1] - k;
        var rotated = cat([u.narrow(1, 0, k), u.narrow(1, k, trailing).matmul(OrthogonalSweepCases.RandomOrthogonal((int)trailing, seed))], 1);
        var changed = rotated.mul(s.unsqueeze(0)).matmul(vh).to(float32);
        var inputs = mlp.Widths[0];
        return b.Map((name, t) =>
            name == Mlp.WeightName(0) ? changed.narrow(1, 0, inputs).contiguous().MoveToOuterDisposeScope()
            : name == Mlp.BiasName(0) ? changed.select(1, inputs).contiguous().MoveToOuterDisposeScope()
            : t.clone().MoveToOuterDisposeScope());
    }
}
