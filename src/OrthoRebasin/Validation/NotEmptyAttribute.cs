using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>A list with at least one item; <paramref name="what"/> names one ("a method").</summary>
public sealed class NotEmptyAttribute(string what) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) =>
        ((ICollection)value).Count > 0 ? null : new($"{path} is empty. Add at least {what}");
}
