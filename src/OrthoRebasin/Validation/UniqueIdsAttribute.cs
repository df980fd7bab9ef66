using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>A list of records whose <c>Id</c> properties differ; <paramref name="what"/> names one ("method id").</summary>
public sealed class UniqueIdsAttribute(string what) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in (IEnumerable)value)
        {
            var id = (string?)item.GetType().GetProperty("Id")?.GetValue(item)
                ?? throw new ArgumentException($"{item.GetType().Name} has no Id for {nameof(UniqueIdsAttribute)}.", nameof(value));
            if (seen.TryGetValue(id, out var first))
            {
                return new($"duplicate {what} '{id}' (first at {{first}}). Give each a distinct id or remove one", index, "id", first);
            }

            seen.Add(id, index++);
        }

        return null;
    }
}
