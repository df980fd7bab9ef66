namespace OrthoRebasin.Validation;

/// <summary>Spelling suggestions for an unknown name among the valid ones.</summary>
public static class Suggestions
{
    /// <summary>" Did you mean 'x'?" when a candidate is close enough to be a typo, otherwise <paramref name="otherwise"/>.</summary>
    public static string Suggest(string value, IEnumerable<string> candidates, string otherwise)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: EditDistance(value, c)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(2, best.Candidate.Length / 3)
            ? $"Did you mean '{best.Candidate}'?"
            : otherwise;
    }

    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
