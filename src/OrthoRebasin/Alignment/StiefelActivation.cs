namespace OrthoRebasin.Alignment;

/// <summary><c>stiefel-activation</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class StiefelActivation(StiefelActivationOptions options) : IAlignmentMethod
{
    public string Id => "stiefel-activation";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
