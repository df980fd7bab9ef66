namespace OrthoRebasin.Alignment;

/// <summary><c>whitened-procrustes</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class WhitenedProcrustes(WhitenedProcrustesOptions options) : IAlignmentMethod
{
    public string Id => "whitened-procrustes";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
