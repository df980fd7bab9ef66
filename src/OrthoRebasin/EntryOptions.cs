namespace OrthoRebasin;

/// <summary>The options an entry is created with: the given record, or the entry's defaults when none is given.</summary>
public static class EntryOptions
{
    /// <summary><paramref name="options"/> when it has the entry's options type; a new default record when null or <see cref="NoOptions"/>.</summary>
    public static object Resolve(IConfigurableEntry entry, object? options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        options = options is null or NoOptions ? Activator.CreateInstance(entry.OptionsType)! : options;
        return entry.OptionsType.IsInstanceOfType(options)
            ? options
            : throw new ArgumentException($"'{entry.Id}' takes options of type {entry.OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
    }
}
