using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Alignment;

/// <summary>The transforms a method found and its per-group diagnostics. Owns the transforms.</summary>
public sealed class AlignmentResult(GroupTransforms transforms, IReadOnlyList<LayerDiagnostics> diagnostics) : IDisposable
{
    public GroupTransforms Transforms { get; } = transforms;

    public IReadOnlyList<LayerDiagnostics> Diagnostics { get; } = diagnostics;

    public void Dispose() => Transforms.Dispose();
}
