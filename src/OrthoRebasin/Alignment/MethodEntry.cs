namespace OrthoRebasin.Alignment;

/// <summary>A registered alignment method: its manifest id, description, options record, traits and factory.</summary>
public sealed record MethodEntry(string Id, string Description, Type OptionsType, MethodTraits Traits, Func<object, IAlignmentMethod> Factory)
    : IConfigurableEntry
{
    /// <summary>An entry whose factory takes the typed options record <typeparamref name="TOptions"/>.</summary>
    public static MethodEntry Of<TOptions>(string id, string description, MethodTraits traits, Func<TOptions, IAlignmentMethod> create)
        where TOptions : new() =>
        new(id, description, typeof(TOptions), traits, options => create((TOptions)options));

    /// <summary>
    /// The method with <paramref name="options"/>, or with its defaults when null or <see cref="NoOptions"/>. It first checks
    /// that A's and B's weights are finite (<see cref="FiniteParameters"/>), whatever the method.
    /// </summary>
    public IAlignmentMethod Create(object? options) => new FiniteChecked(Factory(EntryOptions.Resolve(this, options)));

    private sealed class FiniteChecked(IAlignmentMethod method) : IAlignmentMethod
    {
        public string Id => method.Id;

        public AlignmentResult Align(AlignmentProblem problem)
        {
            FiniteParameters.Ensure(problem);
            return method.Align(problem);
        }
    }
}
