using System.Text.Json.Serialization;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Models;

/// <summary>The keys of a <c>residual-mlp</c> model.</summary>
public sealed record ResidualMlpOptions
{
    /// <summary>
    /// Not a key: before models had typed options every model's JSON carried the mlp's (empty) hidden list, and cache
    /// keys are hashes of that JSON, so it is still written to keep existing keys, cached models and baselines.
    /// </summary>
    [JsonPropertyOrder(-1), JsonPropertyName("hidden")]
    public IReadOnlyList<int> LegacyHidden => [];

    /// <summary>Width D of the residual stream.</summary>
    [Required, AtLeast(1), AtMost(ModelBounds.MaxWidth, ModelBounds.WidthWhy)]
    public int Width { get; init; }

    /// <summary>Number K of residual blocks.</summary>
    [Required, AtLeast(1), AtMost(ModelBounds.MaxBlocks, ModelBounds.BlocksWhy)]
    public int Blocks { get; init; }

    /// <summary>Width of each block's hidden layer.</summary>
    [Required, AtLeast(1), AtMost(ModelBounds.MaxWidth, ModelBounds.WidthWhy)]
    public int BlockHidden { get; init; }
}
