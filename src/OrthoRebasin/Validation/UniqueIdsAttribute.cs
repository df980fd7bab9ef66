using System.Collections;

namespace OrthoRebasin.Validation;

/// <summary>
/// A list of records whose <see cref="Property"/> values (<c>Id</c> unless told) differ; <paramref name="what"/> names
/// one ("method id"). The error points at the later record's <c>id</c>.
/// </summary>
public sealed class UniqueIdsAttribute(string what) : RuleAttribute
{
    /// <summary>The string property that must differ: <c>Id</c>, or e.g. a path's <c>Label</c> (its id and correction).</summary>
    public string Property { get; set; } = "Id";

    /// <summary>What to do about a duplicate.</summary>
    public string Fix { get; set; } = "Give each a distinct id or remove one";

    public override RuleViolation? Check(object value, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in (IEnumerable)value)
        {
            var id = (string?)item.GetType().GetProperty(Property)?.GetValue(item)
                ?? throw new ArgumentException($"{item.GetType().Name} has no {Property} for {nameof(UniqueIdsAttribute)}.", nameof(value));
            if (seen.TryGetValue(id, out var first))
            {
                return new($"duplicate {what} '{id}' (first at {{first}}). {Fix}", index, "id", first);
            }

            seen.Add(id, index++);
        }

        return null;
    }
}
