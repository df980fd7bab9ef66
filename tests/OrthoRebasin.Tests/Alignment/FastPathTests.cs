using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

/// <summary>The coordinate descent's shortcuts give what the plain computations give.</summary>
public sealed class FastPathTests
{
    /// <summary>Singular spectra: well conditioned, down to 1e-5 (the thin-SVD part), just above rtol, rank-deficient.</summary>
    public static TheoryData<string> Spectra => new() { "well-conditioned", "ill-conditioned", "near-threshold", "rank-deficient" };

    [Theory]
    [MemberData(nameof(Spectra))]
    public void Polar_via_the_gram_matrix_agrees_with_the_svd_polar(string spectrum)
    {
        // Given a 64 × 64 matrix with a prescribed singular spectrum
        const int d = 64;
        using var m = WithSpectrum(d, spectrum, 61);

        // When its polar factor is computed both ways
        using var exact = Procrustes.Polar(m);
        using var fast = Procrustes.PolarViaGram(m);

        // Then they agree and the fast one is orthogonal
        Assert.True(TestModels.MaxAbsDifference(exact, fast) <= 1e-9, $"{spectrum}: {TestModels.MaxAbsDifference(exact, fast)}");
        using var gram = fast.T.matmul(fast);
        using var identity = eye(d, dtype: float64);
        Assert.True(TestModels.MaxAbsDifference(gram, identity) <= 1e-12, spectrum);
    }

    [Fact]
    public void Gathering_by_permutation_indices_is_bit_identical_to_multiplying()
    {
        // Given a model and a random permutation per group
        var mlp = new Mlp(7, [9, 11], 3);
        using var parameters = TestModels.Random(mlp, 71);
        using var generator = new Generator(72);
        var indices = mlp.Symmetry.Groups.ToDictionary(g => g.Name, g => randperm(g.Size, generator: generator));
        var matrices = indices.ToDictionary(p => p.Key, p => GroupTransforms.PermutationMatrix(p.Value.data<long>().Select(i => (int)i).ToArray()));

        // When every parameter is transformed, with each axis skipped in turn as the correlation does, both ways
        foreach (var (name, groups) in mlp.Symmetry.Axes)
        {
            foreach (var skip in new int?[] { null }.Concat(Enumerable.Range(0, groups.Count).Select(i => (int?)i)))
            {
                using var multiplied = GroupTransforms.TransformParameter(mlp.Symmetry, name, parameters[name], g => matrices[g], skip);
                using var gathered = GroupTransforms.TransformParameter(mlp.Symmetry, name, parameters[name], g => matrices[g], skip, g => indices[g]);

                // Then values and memory layout agree
                Assert.True(TestModels.Identical(multiplied, gathered), $"{name}, skipping {skip}");
                Assert.Equal(multiplied.stride(), gathered.stride());
            }
        }
        foreach (var tensor in indices.Values.Concat(matrices.Values))
        {
            tensor.Dispose();
        }
    }

    private static Tensor WithSpectrum(int d, string spectrum, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var (u, _) = linalg.qr(randn(d, d, dtype: float64, generator: generator));
        var (v, _) = linalg.qr(randn(d, d, dtype: float64, generator: generator));
        var s = spectrum switch
        {
            "well-conditioned" => linspace(1.0, 0.1, d, dtype: float64),
            "ill-conditioned" => logspace(0, -5, d, dtype: float64),
            // The smallest singular value 2 × rtol: on the kept side of the rank rule, in the thin-SVD part.
            "near-threshold" => cat([logspace(0, -3, d - 1, dtype: float64), tensor(new[] { 2 * Procrustes.DefaultRtol }, dtype: float64)]),
            // Four zero singular values: the null-space completion, which the fast path leaves to the SVD.
            _ => cat([linspace(1.0, 0.1, d - 4, dtype: float64), zeros(4, dtype: float64)]),
        };
        return u.mul(s).matmul(v.T).MoveToOuterDisposeScope();
    }
}
