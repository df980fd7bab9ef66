using SkiaSharp;

namespace OrthoRebasin.Plotting;

/// <summary>Fails loudly when the figure font is missing: without it ScottPlot silently draws every figure with no text.</summary>
internal static class FontCheck
{
    public static void Require(string family)
    {
        // ScottPlot's own lookup falls back to another family, so ask the font manager for an exact match.
        using var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
        {
            throw new UserErrorException(
                $"The font '{family}' is not installed, and figures drawn without it have no text. " +
                "Install the package fonts-dejavu-core (apt-get install fonts-dejavu-core).");
        }
    }
}
