using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>
/// <c>procrustes-weight</c> (the study's "Procrustes weight x"): weight matching's coordinate descent and correlation,
/// with T_g = polar(C_g) instead of a linear assignment. Orthogonal sweeps keep creeping upward, so it stops when a
/// sweep's relative gain is below <see cref="ProcrustesWeightOptions.Tol"/> (or after MaxIter sweeps). Its hundreds of
/// polar factors go through <see cref="Procrustes.PolarViaGram"/>, the same maximiser at about half an SVD's cost.
/// </summary>
public sealed class ProcrustesWeight(ProcrustesWeightOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-weight";

    public AlignmentResult Align(AlignmentProblem problem) =>
        CoordinateDescent.Run(problem, Id, c => Procrustes.PolarViaGram(c, options.Rtol), options.MaxIter, minimumGain: 0, options.Tol);
}
