using OrthoRebasin.Validation;


namespace OrthoRebasin.Models;

/// <summary>The keys of an <c>mlp</c> model.</summary>
public sealed record MlpOptions
{
    /// <summary>Widths of the hidden layers, input side first.</summary>
    [Required, NotEmpty("a hidden layer width"), AtMostItems(ModelBounds.MaxLayers, ModelBounds.LayersWhy)]
    [EachAtLeast(1), EachAtMost(ModelBounds.MaxWidth, ModelBounds.WidthWhy)]
    public IReadOnlyList<int> Hidden { get; init; } = [];
}
