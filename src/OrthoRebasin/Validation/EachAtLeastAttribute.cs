using System.Collections;
using System.Globalization;

namespace OrthoRebasin.Validation;

/// <summary>A list of numbers, each at least <paramref name="minimum"/>.</summary>
public sealed class EachAtLeastAttribute(double minimum) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var item = new AtLeastAttribute(minimum);
        var index = 0;
        foreach (var element in (IEnumerable)value)
        {
            if (item.Check(element, $"{path}[{index}]") is { } violation)
            {
                return violation with { Item = index };
            }

            index++;
        }

        return null;
    }
}
