using OrthoRebasin.Results;

namespace OrthoRebasin.Alignment.Methods;

/// <summary><c>identity</c> (the study's "Naive"): B is left as it is.</summary>
public sealed class IdentityAlignment : IAlignmentMethod
{
    public string Id => "identity";

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var transforms = Symmetry.GroupTransforms.Identity(problem.Spec);
        var diagnostics = problem.Spec.Groups.Select(g => new LayerDiagnostics(g.Name, 0, 0, 0, 0, 0)).ToList();
        return new AlignmentResult(transforms, diagnostics);
    }
}
