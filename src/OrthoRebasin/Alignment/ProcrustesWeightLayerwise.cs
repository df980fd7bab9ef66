namespace OrthoRebasin.Alignment;

/// <summary><c>procrustes-weight-layerwise</c> (METHODS.md §3). Not implemented yet.</summary>
public sealed class ProcrustesWeightLayerwise(ProcrustesWeightLayerwiseOptions options) : IAlignmentMethod
{
    public string Id => "procrustes-weight-layerwise";

    public AlignmentResult Align(AlignmentProblem problem) =>
        throw new NotImplementedException($"Method '{Id}' is not implemented yet (options {options}).");
}
