using OrthoRebasin.Symmetry;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Which method can run on which model, derived from the method's traits and the model's symmetry groups.</summary>
public static class MethodCompatibility
{
    /// <summary>Why <paramref name="method"/> cannot run on a model with <paramref name="groups"/>, or null when it can.</summary>
    public static string? WhyNot(MethodEntry method, IReadOnlyList<SymmetryGroup> groups, string model)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(groups);
        if (method.Traits.Requires is { } kind && groups.All(g => g.Kind != kind))
        {
            return $"it needs at least one {Kind(kind)} symmetry group, and model '{model}' has only {Describe(groups)}";
        }

        if (method.Traits.Action == GroupAction.Rotations && groups.FirstOrDefault(g => g.RotationBlockedBy is not null) is { } blocked)
        {
            var all = groups.Where(g => g.RotationBlockedBy is not null).ToList();
            return $"it gives every symmetry group an orthogonal transform, and model '{model}' has {all.Count} group(s) only permutations can act on " +
                   $"({Names(all.Take(3))}{(all.Count > 3 ? ", …" : "")}): a rotation cannot carry a per-channel parameter such as " +
                   $"'{blocked.RotationBlockedBy}' with its channels; methods that permute (weight-matching, activation-matching) run on it";
        }

        var orthogonal = groups.Where(g => g.Kind == GroupKind.Orthogonal).ToList();
        var permutation = groups.Where(g => g.Kind == GroupKind.Permutation).ToList();
        if (method.Traits.Action == GroupAction.Rotations && orthogonal.Count > 0 && permutation.Count > 0)
        {
            // Where a model has an exact orthogonal symmetry, rotating its permutation groups as well throws that away.
            var exact = AlignmentMethods.Registry.Entries.Where(e => e.Traits.Action == GroupAction.ByGroupKind).Select(e => e.Id).ToList();
            return $"it gives every symmetry group an orthogonal transform, including the permutation groups ({Names(permutation)}) where a rotation " +
                   $"does not commute with the nonlinearity, so B' would not compute B's function; model '{model}' has an exact orthogonal group " +
                   $"({Names(orthogonal)})" + (exact.Count > 0 ? $": use {string.Join(" or ", exact)}, which rotates only the orthogonal groups" : "");
        }

        return null;
    }

    private static string Kind(GroupKind kind) => kind == GroupKind.Orthogonal ? "orthogonal" : "permutation";

    private static string Describe(IReadOnlyList<SymmetryGroup> groups) =>
        groups.Count == 0 ? "no symmetry groups" : string.Join(" and ", groups.GroupBy(g => g.Kind).Select(g => $"{Kind(g.Key)} groups ({Names(g)})"));

    private static string Names(IEnumerable<SymmetryGroup> groups) => string.Join(", ", groups.Select(g => g.Name));
}
