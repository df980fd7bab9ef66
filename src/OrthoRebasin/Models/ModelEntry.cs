namespace OrthoRebasin.Models;

/// <summary>
/// A registered model architecture: its manifest id, description, options record (the recipe's <c>model:</c> keys
/// beside <c>architecture</c>) and the factory that sizes it for a data set's input and classes.
/// </summary>
public sealed record ModelEntry(string Id, string Description, Type OptionsType, Func<object, int, int, IArchitecture> Factory) : IConfigurableEntry
{
    /// <summary>An entry whose factory takes the typed options record <typeparamref name="TOptions"/>, the input size and the classes.</summary>
    public static ModelEntry Of<TOptions>(string id, string description, Func<TOptions, int, int, IArchitecture> create)
        where TOptions : new() =>
        new(id, description, typeof(TOptions), (options, inputSize, classes) => create((TOptions)options, inputSize, classes));

    /// <summary>The architecture for inputs of <paramref name="inputSize"/> features and <paramref name="classes"/> classes.</summary>
    public IArchitecture Create(object? options, int inputSize, int classes) => Factory(EntryOptions.Resolve(this, options), inputSize, classes);
}
