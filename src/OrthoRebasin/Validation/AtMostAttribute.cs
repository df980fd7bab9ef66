using System.Globalization;

namespace OrthoRebasin.Validation;

/// <summary>
/// A number at most <see cref="Maximum"/>: a bound where a larger value would exhaust memory or time rather than fail.
/// <paramref name="why"/> says what the value costs, so the message explains the bound.
/// </summary>
public sealed class AtMostAttribute(double maximum, string why) : RuleAttribute
{
    public double Maximum { get; } = maximum;

    public override RuleViolation? Check(object value, string path) =>
        Convert.ToDouble(value, CultureInfo.InvariantCulture) <= Maximum
            ? null
            : new($"{path} must be at most {Text(Maximum)}, got {AtLeastAttribute.Text(value)}: {why}. Use a value ≤ {Text(Maximum)}");

    private static string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
}
