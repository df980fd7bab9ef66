using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>
/// A list of seed pairs (A, B): each two different seeds, each seed at least 0, and no pair twice. The order within a pair
/// matters: [2, 1] aligns model 1 onto model 2, another problem than [1, 2], so it is not a repetition of it.
/// </summary>
public sealed class SeedPairsAttribute : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var seen = new Dictionary<(int A, int B), int>();
        var index = 0;
        foreach (IReadOnlyList<int> pair in (IEnumerable)value)
        {
            if (pair is not [var a, var b] || a == b)
            {
                return new($"{path}[{index}] must be a pair of two distinct seeds, got [{string.Join(", ", pair)}]. Write two different integers such as [1, 2]", index);
            }

            for (var side = 0; side < 2; side++)
            {
                if (pair[side] < 0)
                {
                    return new(
                        $"{path}[{index}][{side}] must be at least 0, got {pair[side]}: a seed starts an unsigned generator and names its model's folder. Use a seed from 0 to {int.MaxValue}",
                        index, InnerItem: side);
                }
            }

            if (seen.TryGetValue((a, b), out var first))
            {
                return new(
                    $"duplicate seed pair [{a}, {b}] at {path}[{index}] (first at {{first}}): it would align the same two models again. Remove it; [{b}, {a}] is another pair (B aligned onto A)",
                    index, FirstItem: first);
            }

            seen.Add((a, b), index++);
        }

        return null;
    }
}
