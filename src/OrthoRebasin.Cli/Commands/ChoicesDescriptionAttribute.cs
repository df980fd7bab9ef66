using System.ComponentModel;

namespace OrthoRebasin.Cli.Commands;

/// <summary>An option's help text followed by the values it takes, read from <typeparamref name="T"/> so that help lists a new value too.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ChoicesDescriptionAttribute<T>(string text) : DescriptionAttribute
    where T : struct, Enum
{
    public override string Description => $"{text}: {string.Join(", ", ChoiceConverter<T>.Names)}.";
}
