using OrthoRebasin.Models;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>activation-matching</c> (docs/METHODS.md §3).</summary>
public sealed record ActivationMatchingOptions
{
    public ActivationKind Activations { get; init; } = ActivationKind.Post;

    /// <summary>Subtract each unit's mean over the samples before forming the correlation.</summary>
    public bool Center { get; init; }
}
