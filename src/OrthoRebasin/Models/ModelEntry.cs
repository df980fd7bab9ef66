using OrthoRebasin.Data;

namespace OrthoRebasin.Models;

/// <summary>
/// A registered model architecture: its manifest id, description, options record (the recipe's <c>model:</c> keys
/// beside <c>architecture</c>) and the factory that sizes it for a data set's images and classes. A factory throws
/// <see cref="ArgumentException"/> for images it cannot take (a VGG needs sides that its poolings bring to one pixel).
/// </summary>
public sealed record ModelEntry(string Id, string Description, Type OptionsType, Func<object, ImageShape, int, IArchitecture> Factory) : IConfigurableEntry
{
    /// <summary>An entry whose factory takes the typed options record <typeparamref name="TOptions"/>, the samples' image shape and the classes.</summary>
    public static ModelEntry Of<TOptions>(string id, string description, Func<TOptions, ImageShape, int, IArchitecture> create)
        where TOptions : new() =>
        new(id, description, typeof(TOptions), (options, shape, classes) => create((TOptions)options, shape, classes));

    /// <summary>
    /// Null until a change of the architecture's code moves its float results for an unchanged recipe (a memory layout, a
    /// different kernel); then a label of that change, which joins the cache key of every network trained or imported with
    /// this architecture, so that networks computed before the change are computed again rather than reused beside results
    /// of the new code. Null leaves the keys as they were.
    /// </summary>
    public string? NumericsRevision { get; init; }

    /// <summary>The architecture for samples that are images of <paramref name="shape"/>, with <paramref name="classes"/> classes.</summary>
    public IArchitecture Create(object? options, ImageShape shape, int classes) => Factory(EntryOptions.Resolve(this, options), shape, classes);
}
