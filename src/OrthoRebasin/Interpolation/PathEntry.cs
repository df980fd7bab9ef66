namespace OrthoRebasin.Interpolation;

/// <summary>A registered interpolation path: its manifest id, description, options record and factory.</summary>
public sealed record PathEntry(string Id, string Description, Type OptionsType, Func<object, IInterpolationPath> Factory) : IConfigurableEntry
{
    /// <summary>An entry whose factory takes the typed options record <typeparamref name="TOptions"/>.</summary>
    public static PathEntry Of<TOptions>(string id, string description, Func<TOptions, IInterpolationPath> create)
        where TOptions : new() =>
        new(id, description, typeof(TOptions), options => create((TOptions)options));

    /// <summary>The path with <paramref name="options"/>, or with its defaults when null or <see cref="NoOptions"/>.</summary>
    public IInterpolationPath Create(object? options) => Factory(EntryOptions.Resolve(this, options));
}
