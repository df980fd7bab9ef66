namespace OrthoRebasin.Alignment;

/// <summary><c>polar</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class PolarAlignment(PolarOptions options) : IAlignmentMethod
{
    public string Id => "polar";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
