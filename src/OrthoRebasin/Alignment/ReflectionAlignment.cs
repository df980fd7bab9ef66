namespace OrthoRebasin.Alignment;

/// <summary><c>reflection</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class ReflectionAlignment(ReflectionOptions options) : IAlignmentMethod
{
    public string Id => "reflection";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
