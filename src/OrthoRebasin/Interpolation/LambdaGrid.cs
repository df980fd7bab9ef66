namespace OrthoRebasin.Interpolation;

/// <summary>λ values evenly spaced on [0, 1], both endpoints included and exact.</summary>
public static class LambdaGrid
{
    public static IReadOnlyList<double> Linspace(int points)
    {
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "A λ grid needs at least the two endpoints.");
        }

        return Enumerable.Range(0, points).Select(i => i == points - 1 ? 1.0 : (double)i / (points - 1)).ToList();
    }
}
