using OrthoRebasin.Alignment.Methods;

namespace OrthoRebasin.Plotting;

/// <summary>
/// Splits methods into the exact family (whose traits keep B's function: permutations, and rotations of orthogonal groups
/// only, such as residual-procrustes's residual stream) and the orthogonal family of the study (every other id, and ids
/// no registry knows), so a figure with a dozen methods can draw each family in its own panel. Identity is the naive
/// reference of both and is drawn in each.
/// </summary>
public static class MethodFamilies
{
    public const string Reference = "identity";

    public const string PermutationTitle = "exact symmetries (permutations, residual rotations)";

    public const string OrthogonalTitle = "orthogonal methods";

    public static bool IsPermutation(string methodId) => AlignmentMethods.Registry.Find(methodId)?.Traits.Exact ?? false;

    /// <summary>
    /// The panels for <paramref name="methods"/> (in their order): a family gets a panel when it has a method other than
    /// identity; identity goes in every panel; only identity, or nothing else, gives one panel.
    /// </summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<string> Methods)> Panels(IEnumerable<string> methods)
    {
        var ids = methods.Distinct().ToList();
        var panels = new List<(string, IReadOnlyList<string>)>();
        var permutation = ids.Where(IsPermutation).ToList();
        var orthogonal = ids.Where(m => !IsPermutation(m)).ToList();
        var hasReference = ids.Contains(Reference);
        if (permutation.Any(m => m != Reference))
        {
            panels.Add((PermutationTitle, permutation));
        }

        if (orthogonal.Count > 0)
        {
            panels.Add((OrthogonalTitle, hasReference ? [Reference, .. orthogonal] : orthogonal));
        }

        if (panels.Count == 0 && ids.Count > 0)
        {
            panels.Add((PermutationTitle, ids));
        }

        return panels;
    }
}
