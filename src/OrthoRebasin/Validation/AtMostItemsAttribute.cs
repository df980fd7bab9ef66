using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>A list of at most <paramref name="maximum"/> items; the error points at the first item beyond it.</summary>
public sealed class AtMostItemsAttribute(int maximum, string why) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var count = ((ICollection)value).Count;
        return count <= maximum
            ? null
            : new($"{path} must have at most {maximum} items, got {count} ({path}[{maximum}] is the first too many): {why}. Remove some", maximum);
    }
}
