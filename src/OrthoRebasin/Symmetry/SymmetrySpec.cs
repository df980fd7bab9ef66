namespace OrthoRebasin.Symmetry;

/// <summary>Whether a group's transforms are permutations (exact for ReLU) or general orthogonal matrices.</summary>
public enum GroupKind
{
    Permutation,
    Orthogonal,
}

/// <summary>A named symmetry group acting on <see cref="Size"/> units (e.g. <c>P_1</c>, the first hidden layer).</summary>
public sealed record SymmetryGroup(string Name, GroupKind Kind, int Size)
{
    /// <summary>
    /// Null when a rotation of the group's units can be applied to the model at all (every parameter it acts on is a
    /// linear map or a bias on those units, as in an MLP's hidden layer, where a rotation is merely not a symmetry);
    /// otherwise the parameter that forbids it, e.g. a per-channel normalisation scale: a rotation cannot carry a
    /// per-unit scale with its units (T diag(γ) Tᵀ is not diagonal), so only permutations may act on the group.
    /// </summary>
    public string? RotationBlockedBy { get; init; }
}

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

    public SymmetrySpec(
        IReadOnlyList<SymmetryGroup> groups, IReadOnlyDictionary<string, IReadOnlyList<string?>> axes,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? statistics = null)
    {
        Groups = groups;
        Axes = axes;
        Statistics = statistics ?? new Dictionary<string, IReadOnlyList<string?>>();
        _groups = groups.ToDictionary(g => g.Name);
        foreach (var (parameter, groupsOnAxes) in axes.Concat(Statistics))
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

    /// <summary>
    /// Running statistics (BatchNorm's running mean and variance) → the group on each of their axes: transforms move them
    /// with their units, but they are not weights, so no method matches on them and they are not in <see cref="Axes"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string?>> Statistics { get; }

    /// <summary>The groups on the axes of <paramref name="parameter"/>, weight or running statistic; false when none acts on it.</summary>
    public bool TryGetGroupsOn(string parameter, out IReadOnlyList<string?> groups) =>
        Axes.TryGetValue(parameter, out groups!) || Statistics.TryGetValue(parameter, out groups!);

    public SymmetryGroup Group(string name) =>
        _groups.TryGetValue(name, out var group)
            ? group
            : throw new KeyNotFoundException($"No symmetry group '{name}'; groups: {string.Join(", ", _groups.Keys)}.");

    /// <summary>Every (parameter, axis) that <paramref name="group"/> acts on, in parameter order.</summary>
    public IReadOnlyList<GroupAxis> AxesOf(string group) =>
        Axes.SelectMany(p => p.Value.Select((g, axis) => (g, axis)).Where(x => x.g == group).Select(x => new GroupAxis(p.Key, x.axis)))
            .ToList();
}
