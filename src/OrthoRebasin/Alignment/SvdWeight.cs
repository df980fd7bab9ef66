namespace OrthoRebasin.Alignment;

/// <summary><c>svd-weight</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class SvdWeight(SvdWeightOptions options) : IAlignmentMethod
{
    public string Id => "svd-weight";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
