using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace OrthoRebasin.Cli.Commands;

/// <summary>
/// Parses the value of an option with a closed set of values: the names of <typeparamref name="T"/> in kebab case, as the
/// manifest and the JSON files spell them, in any letter case. Any other text is a user error that lists the valid values.
/// </summary>
public sealed class ChoiceConverter<T> : TypeConverter
    where T : struct, Enum
{
    /// <summary>Every valid value, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<T>().Select(Name)];

    public static string Name(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        foreach (var choice in Enum.GetValues<T>())
        {
            if (string.Equals(Name(choice), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        var what = JsonNamingPolicy.KebabCaseLower.ConvertName(typeof(T).Name).Replace('-', ' ');
        throw new UserErrorException($"'{text}' is not a {what}; valid values: {string.Join(", ", Names)}.");
    }
}
