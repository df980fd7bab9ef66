using System.Text.Json.Serialization;
using OrthoRebasin.Models;

namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>stiefel-activation</c>: the Cayley descent of the activation distance.</summary>
public sealed record StiefelActivationOptions : CayleyOptions
{
    /// <summary>Which activations are matched. Written after the shared options, where cache keys have always had it.</summary>
    [JsonPropertyOrder(1)]
    public ActivationKind Activations { get; init; } = ActivationKind.Post;
}
