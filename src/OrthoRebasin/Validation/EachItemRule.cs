using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>Applies one rule to every item of a list, pointing at the first item that breaks it.</summary>
internal static class EachItemRule
{
    public static RuleViolation? Check(RuleAttribute rule, object value, string path)
    {
        var index = 0;
        foreach (var element in (IEnumerable)value)
        {
            if (rule.Check(element, $"{path}[{index}]") is { } violation)
            {
                return violation with { Item = index };
            }

            index++;
        }

        return null;
    }
}
