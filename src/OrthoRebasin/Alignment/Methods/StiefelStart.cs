using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Where the Cayley descent of the Stiefel methods starts: the identity, or procrustes-weight's transforms.</summary>
internal static class StiefelStart
{
    public static GroupTransforms Transforms(AlignmentProblem problem, StiefelInit init) =>
        init == StiefelInit.ProcrustesWeight
            ? new ProcrustesWeight(new ProcrustesWeightOptions()).Align(problem).Transforms
            : GroupTransforms.Identity(problem.Spec, problem.A.Entries.First().Value.device);
}
