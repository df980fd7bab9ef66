using System.Globalization;

namespace OrthoRebasin.Validation;

/// <summary>A number above zero.</summary>
public sealed class PositiveAttribute : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) =>
        Convert.ToDouble(value, CultureInfo.InvariantCulture) > 0
            ? null
            : new($"{path} must be positive, got {AtLeastAttribute.Text(value)}. Use a value such as 0.001");
}
