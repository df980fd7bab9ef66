using OrthoRebasin.Alignment.Methods;
using ScottPlot;

namespace OrthoRebasin.Plotting;

/// <summary>
/// One colour per method id, the same in every figure, for any number of methods: registered methods take the palette in
/// registration order and, past its end, hues spaced by the golden angle (each new hue as far from the others as it can
/// be); an id no registry knows gets a palette entry chosen by a stable hash of its name (string.GetHashCode is
/// randomised per process).
/// </summary>
public static class MethodColors
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#7f7f7f"), // identity: grey, the naive reference
        Color.FromHex("#1f77b4"),
        Color.FromHex("#d62728"),
        Color.FromHex("#2ca02c"),
        Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"),
        Color.FromHex("#8c564b"),
        Color.FromHex("#e377c2"),
        Color.FromHex("#17becf"),
        Color.FromHex("#bcbd22"),
        Color.FromHex("#393b79"),
        Color.FromHex("#637939"),
        Color.FromHex("#843c39"),
    ];

    private const double GoldenAngle = 137.50776405003785;

    public static Color For(string methodId)
    {
        var index = AlignmentMethods.Registry.IndexOf(methodId);
        if (index < 0)
        {
            return Palette[(int)(Fnv1a(methodId) % (uint)Palette.Length)];
        }

        if (index < Palette.Length)
        {
            return Palette[index];
        }
        // Lightness alternates so neighbouring hues of a long list also differ in brightness.
        var beyond = index - Palette.Length;
        return Color.FromHSL((float)((beyond * GoldenAngle % 360) / 360), 0.65f, beyond % 2 == 0 ? 0.42f : 0.58f);
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
