using ScottPlot;

namespace OrthoRebasin.Plotting;

/// <summary>
/// One colour per method id, the same in every figure: catalog methods take the palette in catalog order, any other id a
/// palette entry chosen by a stable hash of its name (string.GetHashCode is randomised per process).
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
        Color.FromHex("#843c39"), // residual-procrustes
    ];

    public static Color For(string methodId)
    {
        var catalogIndex = Catalog.Methods.ToList().FindIndex(e => string.Equals(e.Id, methodId, StringComparison.Ordinal));
        if (catalogIndex >= 0)
            return Palette[catalogIndex % Palette.Length];
        return Palette[(int)(Fnv1a(methodId) % (uint)Palette.Length)];
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
