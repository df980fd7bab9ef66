namespace OrthoRebasin.Models;

/// <summary>
/// Names of the activations of a group that acts at several depths, such as a residual stream. An
/// <see cref="ActivationSource"/> gives such a group's activations at every depth stacked along the samples under the
/// group's own name (what one transform of the group must fit), and each depth alone under <see cref="At"/>.
/// </summary>
public static class StreamDepth
{
    /// <summary>The key of <paramref name="group"/>'s activations at <paramref name="depth"/> alone (0: right after the embedding).</summary>
    public static string At(string group, int depth) => $"{group}@{depth}";
}
