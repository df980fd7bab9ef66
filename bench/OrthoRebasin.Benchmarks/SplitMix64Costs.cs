namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Uniform [0, 1) cost matrices from a counter-based SplitMix64, so bench/scipy_lap.py regenerates the
/// same bits without sharing files: entry k = i*n + j is mix(seed + (k + 1) * golden) >> 11, times 2^-53.
/// </summary>
public static class SplitMix64Costs
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static double[] Generate(int n, ulong seed)
    {
        var values = new double[n * n];
        for (var k = 0; k < values.Length; k++)
        {
            var z = unchecked(seed + ((ulong)(k + 1) * Golden));
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            values[k] = (z >> 11) * (1.0 / (1UL << 53));
        }

        return values;
    }
}
