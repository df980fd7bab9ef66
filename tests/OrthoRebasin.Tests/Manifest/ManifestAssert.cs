using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Manifest;

internal static class ManifestAssert
{
    /// <summary>The error names <paramref name="file"/>:<paramref name="line"/>:<paramref name="column"/> in its properties and its message.</summary>
    public static void At(ManifestException error, string file, int line, int column, string problem)
    {
        Assert.Equal((file, line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith($"{file}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
