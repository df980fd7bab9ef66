namespace OrthoRebasin.Alignment;

/// <summary>
/// Aligns model B onto model A: returns one transform per symmetry group of the problem's spec, so that
/// B' = T(B) is as close to A as the method's objective can make it. Methods see the spec, never a model class.
/// </summary>
public interface IAlignmentMethod
{
    /// <summary>The manifest id (docs/METHODS.md §3).</summary>
    string Id { get; }

    AlignmentResult Align(AlignmentProblem problem);
}
