using System.Globalization;

namespace OrthoRebasin.Validation;

/// <summary>A number at least <see cref="Minimum"/>.</summary>
public sealed class AtLeastAttribute(double minimum) : RuleAttribute
{
    public double Minimum { get; } = minimum;

    public override RuleViolation? Check(object value, string path) =>
        Convert.ToDouble(value, CultureInfo.InvariantCulture) >= Minimum
            ? null
            : new($"{path} must be at least {Minimum.ToString(CultureInfo.InvariantCulture)}, got {Text(value)}. Use a value ≥ {Minimum.ToString(CultureInfo.InvariantCulture)}");

    internal static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
