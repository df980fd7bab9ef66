namespace OrthoRebasin.Symmetry;

/// <summary>Whether a group's transforms are permutations (exact for ReLU) or general orthogonal matrices.</summary>
public enum GroupKind
{
    Permutation,
    Orthogonal,
}

/// <summary>A named symmetry group acting on <see cref="Size"/> units (e.g. <c>P_1</c>, the first hidden layer).</summary>
public sealed record SymmetryGroup(string Name, GroupKind Kind, int Size);

/// <summary>One axis of one parameter that a group acts on.</summary>
public sealed record GroupAxis(string Parameter, int Axis);

/// <summary>
/// A model's symmetries, independent of its class (Git Re-Basin's PermutationSpec, generalised to orthogonal
/// groups): the groups, and for every parameter which group acts on which axis (null: no group).
/// A transform T of group g acts on axis a of a parameter by contracting T's second index with axis a, so rows
/// of W get T W and columns get W Tᵀ.
/// </summary>
public sealed class SymmetrySpec
{
    private readonly Dictionary<string, SymmetryGroup> _groups;

    public SymmetrySpec(IReadOnlyList<SymmetryGroup> groups, IReadOnlyDictionary<string, IReadOnlyList<string?>> axes)
    {
        Groups = groups;
        Axes = axes;
        _groups = groups.ToDictionary(g => g.Name);
        foreach (var (parameter, groupsOnAxes) in axes)
        {
            foreach (var name in groupsOnAxes)
            {
                if (name is not null && !_groups.ContainsKey(name))
                {
                    throw new ArgumentException($"Parameter '{parameter}' names group '{name}', which the spec does not define.");
                }
            }
        }
    }

    public IReadOnlyList<SymmetryGroup> Groups { get; }

    /// <summary>Parameter name → the group acting on each of its axes (null where none does).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string?>> Axes { get; }

    public SymmetryGroup Group(string name) =>
        _groups.TryGetValue(name, out var group)
            ? group
            : throw new KeyNotFoundException($"No symmetry group '{name}'; groups: {string.Join(", ", _groups.Keys)}.");

    /// <summary>Every (parameter, axis) that <paramref name="group"/> acts on, in parameter order.</summary>
    public IReadOnlyList<GroupAxis> AxesOf(string group) =>
        Axes.SelectMany(p => p.Value.Select((g, axis) => (g, axis)).Where(x => x.g == group).Select(x => new GroupAxis(p.Key, x.axis)))
            .ToList();
}
