namespace OrthoRebasin.Alignment;

/// <summary><c>procrustes-activation</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class ProcrustesActivation(ProcrustesActivationOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-activation";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
