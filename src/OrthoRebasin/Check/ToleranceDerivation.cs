using System.Globalization;
using OrthoRebasin.Results;

namespace OrthoRebasin.Check;

/// <summary>
/// Regression-check tolerances derived from the seed-to-seed spread of an experiment's own numbers.
/// <para>
/// Why the spread: a rerun on the same machine and thread count is bit-identical, so what a tolerance must absorb is a
/// change of platform (another CPU's BLAS kernels, another thread count, CUDA): rounding differences that training
/// amplifies. They stay below what another seed brings (on the quickstart, one thread instead of two moved no barrier
/// by more than 0.008, a tenth of its seed-to-seed spread), while a change that matters moves a number by more than
/// that spread: the study is about barriers that differ between methods by several of it. So the allowed difference
/// is k times the spread of the number checked (k = 1 by default): s for a per-pair number, s/√n for a mean over n
/// pairs, s/√(2(n−1)) for their standard deviation (the standard error of a sample standard deviation).
/// </para>
/// <para>
/// How: every per-pair number of the check (<see cref="BaselineMetrics"/>: the four barriers of every curve, the
/// fidelity measures, the per-layer similarities) is grouped by everything but its seed pair, e.g. all
/// <c>curves/stiefel/linear/test/*/loss_barrier</c>; each group gives a sample standard deviation s_g and a mean m_g
/// (groups whose pairs agree exactly, such as barriers of 0 at an endpoint, carry no information on noise and are left out).
/// Spreads grow with the size of the number (a stiefel barrier of 27 varies by units, a weight-matching barrier of
/// 0.1 by hundredths), so per metric name the allowed difference is <c>abs + rel·|baseline|</c> with
/// <c>rel = k·d·median_g(s_g/|m_g|)</c> (the typical relative spread) and <c>abs = k·d·median_g s_g</c> over the
/// groups with the smaller half of |m_g| (what numbers near zero vary by; at least <see cref="AbsFloor"/>). Medians,
/// so one wild method does not loosen the others. d is the factor above: 1 for per-pair numbers (<c>name</c>), 1/√n
/// for summary means (<c>name/mean</c>), 1/√(2(n−1)) for summary standard deviations (<c>name/std</c>, n ≥ 2), n being
/// the seed pairs of the experiment checked.
/// <c>endpoint_maxima</c> (a count of pairs) is allowed one flip. A metric that agrees exactly across pairs in every
/// group (the prediction agreement of 1 of an exact symmetry) gets no tolerance and must match exactly.
/// </para>
/// </summary>
public static class ToleranceDerivation
{
    /// <summary>Seed-to-seed standard deviations a number may move.</summary>
    public const double DefaultK = 1;

    /// <summary>The smallest absolute tolerance: exact symmetries' fidelity numbers have a spread of float rounding.</summary>
    public const double AbsFloor = 1e-6;

    /// <summary>
    /// Tolerances per metric name for an experiment of <paramref name="checkedPairs"/> seed pairs, from the spread of
    /// <paramref name="results"/> (which needs at least two pairs; it may be another experiment of the same data set and model).
    /// </summary>
    public static IReadOnlyDictionary<string, Tolerance> Derive(ExperimentResults results, int checkedPairs, double k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Derive(results.ExperimentId, BaselineMetrics.Flatten(results), checkedPairs, k);
    }

    /// <summary>
    /// The same from an experiment's checked numbers (<see cref="BaselineMetrics.Flatten"/>, or a baseline file's), so a
    /// committed baseline shows where its committed tolerances came from.
    /// </summary>
    public static IReadOnlyDictionary<string, Tolerance> Derive(string experimentId, IReadOnlyDictionary<string, double> metrics, int checkedPairs, double k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkedPairs, 1);
        var pairs = metrics.Keys.Select(path => path.Split('/')).Where(s => s[0] == "curves").Select(s => s[^2]).Distinct(StringComparer.Ordinal).Count();
        if (pairs < 2)
        {
            throw new UserErrorException(
                $"Experiment '{experimentId}' has {pairs} seed pair(s): a spread needs at least two. " +
                "Derive from an experiment of the same data set and model with more pairs (e.g. its full tier).");
        }

        var groups = new Dictionary<(string Name, string Group), List<double>>();
        foreach (var (path, value) in metrics)
        {
            var segments = path.Split('/');
            var pairIndex = Array.FindIndex(segments, IsPair);
            if (segments[0] == "summary" || pairIndex < 0 || !double.IsFinite(value))
            {
                continue;
            }

            var group = string.Join('/', segments.Where((_, i) => i != pairIndex));
            var key = (segments[^1], group);
            if (!groups.TryGetValue(key, out var values))
            {
                groups[key] = values = [];
            }

            values.Add(value);
        }

        var tolerances = new SortedDictionary<string, Tolerance>(StringComparer.Ordinal);
        foreach (var byName in groups.Where(g => g.Value.Count >= 2).GroupBy(g => g.Key.Name))
        {
            // Groups whose pairs agree exactly (a barrier of 0 at an endpoint, the 1.0 agreement of a permutation) say
            // nothing about noise; counting them would pull every median to zero.
            var spreads = byName.Select(g => (Std: SampleStd(g.Value), Mean: Math.Abs(g.Value.Average()))).Where(s => s.Std > 0).ToList();
            if (spreads.Count == 0)
            {
                continue;
            }

            var relative = Median(spreads.Where(x => x.Mean > AbsFloor).Select(x => x.Std / x.Mean).DefaultIfEmpty(0).ToList());
            var middle = Median(spreads.Select(x => x.Mean).ToList());
            var absolute = Median(spreads.Where(x => x.Mean <= middle).Select(x => x.Std).ToList());
            tolerances[byName.Key] = Scaled(k, absolute, relative);
            if (BaselineMetrics.SummaryMetrics.Contains(byName.Key))
            {
                tolerances[$"{byName.Key}/mean"] = Scaled(k / Math.Sqrt(checkedPairs), absolute, relative);
                if (checkedPairs >= 2)
                {
                    tolerances[$"{byName.Key}/std"] = Scaled(k / Math.Sqrt(2.0 * (checkedPairs - 1)), absolute, relative);
                }
            }
        }
        tolerances[BaselineMetrics.EndpointMaxima] = new Tolerance { Abs = 1 };
        return tolerances;
    }

    private static Tolerance Scaled(double factor, double absolute, double relative) =>
        new() { Abs = Round(Math.Max(AbsFloor, factor * absolute)), Rel = Round(factor * relative) };

    /// <summary>A seed-pair segment of a metric path: "3-4".</summary>
    private static bool IsPair(string segment)
    {
        var dash = segment.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(segment[..dash], CultureInfo.InvariantCulture, out _) && int.TryParse(segment[(dash + 1)..], CultureInfo.InvariantCulture, out _);
    }

    private static double SampleStd(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>Three significant figures, rounded up so the printed tolerance is never tighter than the derived one.</summary>
    private static double Round(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 2);
        var rounded = (Math.Ceiling(value / magnitude) * magnitude).ToString("G3", CultureInfo.InvariantCulture);
        // The double nearest the three digits, not 283·1e-4 = 0.028300000000000002: a tolerances file then reads back exactly.
        return double.Parse(rounded, CultureInfo.InvariantCulture);
    }
}
