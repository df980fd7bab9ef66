using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>A list of numbers, each at most <paramref name="maximum"/> (see <see cref="AtMostAttribute"/>).</summary>
public sealed class EachAtMostAttribute(double maximum, string why) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var item = new AtMostAttribute(maximum, why);
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
