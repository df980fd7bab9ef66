namespace OrthoRebasin.Alignment;

/// <summary><c>stiefel</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class StiefelAlignment(StiefelOptions options) : IAlignmentMethod
{
    public string Id => "stiefel";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
