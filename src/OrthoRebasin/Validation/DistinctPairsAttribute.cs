using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>A list of pairs of two different integers (seed pairs).</summary>
public sealed class DistinctPairsAttribute : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var index = 0;
        foreach (IReadOnlyList<int> pair in (IEnumerable)value)
        {
            if (pair is not [var a, var b] || a == b)
            {
                return new($"{path}[{index}] must be a pair of two distinct seeds, got [{string.Join(", ", pair)}]. Write two different integers such as [1, 2]", index);
            }

            index++;
        }

        return null;
    }
}
