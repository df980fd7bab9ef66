using System.Globalization;

namespace OrthoRebasin.Validation;

/// <summary>A number in [0, 1), such as a momentum.</summary>
public sealed class FractionAttribute(string example) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) =>
        Convert.ToDouble(value, CultureInfo.InvariantCulture) is >= 0 and < 1
            ? null
            : new($"{path} must be in [0, 1), got {AtLeastAttribute.Text(value)}. Use a value such as {example}");
}
