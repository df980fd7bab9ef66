namespace OrthoRebasin.Alignment;

/// <summary><c>procrustes-weight</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class ProcrustesWeight(ProcrustesWeightOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-weight";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
