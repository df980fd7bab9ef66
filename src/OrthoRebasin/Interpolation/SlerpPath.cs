using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Interpolation;

/// <summary>
/// <c>slerp</c> (docs/METHODS.md §4): spherical interpolation of each tensor (<c>per: tensor</c>) or of each row
/// (<c>per: row</c>, a row being a slice along the first axis; a 1-D tensor such as a bias is one vector either way),
/// with the norm interpolated linearly (<c>norm: interpolate</c>) or dropped (<c>norm: none</c>, unit directions).
/// Computed in float64, returned in the input's dtype. Degenerate cases, which docs/METHODS.md leaves open:
/// <list type="bullet">
/// <item>A zero vector has no direction and takes the other end's, so the path is the linear one along it;
/// two zero vectors give zero.</item>
/// <item>Parallel directions (sin Ω &lt; <see cref="DegenerateSine"/>, Ω ≈ 0): linear on the directions, renormalised.</item>
/// <item>Antiparallel directions (sin Ω &lt; <see cref="DegenerateSine"/>, Ω ≈ π): no unique great circle joins them
/// (none at all for 1-element rows), and renormalising the linear blend divides by zero at its midpoint, so the path
/// is linear on what is interpolated — the vectors (<c>norm: interpolate</c>) or the unit directions (<c>none</c>) —
/// and passes through zero when the norms are equal; the norm property does not hold there.</item>
/// </list>
/// </summary>
public sealed class SlerpPath(SlerpOptions options) : IInterpolationPath
{
    /// <summary>Below this sin Ω the slerp formula divides by (nearly) zero and the linear fallback takes over.</summary>
    public const double DegenerateSine = 1e-6;

    public string Id => "slerp";

    public SlerpOptions Options { get; } = options;

    public ParameterSet At(ParameterSet a, ParameterSet b, double lambda) =>
        a.Zip(b, (x, y) => Interpolate(x, y, lambda));

    /// <summary>θ(λ) for one tensor pair of equal shape, as a new tensor.</summary>
    public Tensor Interpolate(Tensor a, Tensor b, double lambda)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            throw new ArgumentException($"slerp needs tensors of one shape: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", b.shape)}].");
        }

        using var scope = NewDisposeScope();
        var rows = Options.Per == SlerpPer.Row && a.dim() >= 2 ? a.shape[0] : 1;
        var x = a.to(float64).reshape(rows, -1);
        var y = b.to(float64).reshape(rows, -1);

        var normA = RowNorm(x);
        var normB = RowNorm(y);
        var unitA = Normalised(x, normA);
        var unitB = Normalised(y, normB);
        // A zero vector has no direction: borrow the other end's (both zero stays zero).
        unitA = where(normA > 0, unitA, unitB);
        unitB = where(normB > 0, unitB, unitA);

        var cosine = (unitA * unitB).sum([1L], keepdim: true).clamp(-1.0, 1.0);
        var omega = cosine.acos();
        var sine = omega.sin();
        var degenerate = sine < DegenerateSine;
        var antiparallel = degenerate.logical_and(cosine < 0);
        var parallel = degenerate.logical_and(antiparallel.logical_not());

        var spherical = ((omega * (1 - lambda)).sin() * unitA + (omega * lambda).sin() * unitB) / where(degenerate, ones_like(sine), sine);
        var directionBlend = unitA * (1 - lambda) + unitB * lambda;
        var direction = where(parallel, Normalised(directionBlend, RowNorm(directionBlend)), spherical);

        Tensor theta;
        if (Options.Norm == SlerpNorm.Interpolate)
        {
            var norm = normA * (1 - lambda) + normB * lambda;
            theta = where(antiparallel, x * (1 - lambda) + y * lambda, norm * direction);
        }
        else
        {
            theta = where(antiparallel, directionBlend, direction);
        }
        return theta.reshape(a.shape).to(a.dtype).MoveToOuterDisposeScope();
    }

    private static Tensor RowNorm(Tensor rows) => rows.square().sum([1L], keepdim: true).sqrt();

    /// <summary>Rows divided by their norms; zero rows stay zero.</summary>
    private static Tensor Normalised(Tensor rows, Tensor norms) =>
        where(norms > 0, rows / where(norms > 0, norms, ones_like(norms)), zeros_like(rows));
}
