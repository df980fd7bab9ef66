using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Plotting;

/// <summary>
/// A hand-made ExperimentResults: by default two methods, one path, two splits, two seed pairs, with summaries computed
/// from the curves and alignment diagnostics; <see cref="CreateFull"/> has every catalog method and both paths.
/// </summary>
internal static class SampleResults
{
    public static readonly string[] Methods = ["identity", "weight-matching"];

    public static readonly string[] Parameters = ["layers.0.weight", "layers.1.weight", "layers.2.weight", "layers.3.weight"];

    /// <summary>Every catalog method along the linear and slerp paths.</summary>
    public static ExperimentResults CreateFull() =>
        Create(0, AlignmentMethods.Registry.Entries.Select(m => m.Id).ToList(), ["linear", "slerp"]);

    public static ExperimentResults Create(int endpointMaxima = 0, IReadOnlyList<string>? methods = null, IReadOnlyList<string>? paths = null)
    {
        methods ??= Methods;
        paths ??= ["linear"];
        var lambdas = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        var pairs = new[] { new SeedPair(1, 2), new SeedPair(3, 4) };
        var curves = new List<CurveResult>();
        foreach (var (method, methodIndex) in methods.Select((m, i) => (m, i)))
        {
            // identity 1.2, weight matching 0.15 as before; further methods spread out so their lines are distinguishable.
            var baseHeight = methodIndex switch { 0 => 1.2, 1 => 0.15, _ => 0.2 + 0.13 * methodIndex };
            foreach (var (path, height) in paths.Select((p, i) => (p, baseHeight * (1 - 0.4 * i))))
            {
                foreach (var split in new[] { "test", "train" })
                {
                    foreach (var (pair, index) in pairs.Select((p, i) => (p, i)))
                    {
                        var bump = height * (1.0 + 0.2 * index);
                        var loss = lambdas.Select(l => 0.3 + bump * 4 * l * (1 - l)).ToArray();
                        var accuracy = lambdas.Select(l => 0.95 - bump * 0.3 * 4 * l * (1 - l)).ToArray();
                        curves.Add(new CurveResult
                        {
                            Method = method,
                            Path = path,
                            Split = split,
                            Pair = pair,
                            Loss = loss,
                            Accuracy = accuracy,
                            OriginalBLoss = 0.3,
                            OriginalBAccuracy = 0.95,
                            Barriers = new BarrierMetrics
                            {
                                Values = new Dictionary<string, double>
                                {
                                    [CurveMetrics.LossBarrier] = bump,
                                    [CurveMetrics.LossBarrierMean] = bump + 0.01,
                                    [CurveMetrics.AccBarrier] = bump * 0.3,
                                    [CurveMetrics.LossBarrierVsOriginal] = bump + 0.02,
                                },
                                ArgmaxLambda = 0.5,
                            },
                        });
                    }
                }
            }
        }

        var summary = Barriers.SummarizeCurves(curves)
            .Select(s => s with { EndpointMaxima = s.Method == "weight-matching" && s.Split == "test" ? endpointMaxima : 0 })
            .ToList();

        var fidelity = methods
            .SelectMany((m, j) => pairs.Select((p, i) => new FidelityResult
            {
                Method = m,
                Pair = p,
                DeltaLoss = 0.001 * (i + 1) + 0.05 * j,
                DeltaAccuracy = -0.002 * (i + 1) - 0.01 * j,
                PredictionAgreement = 0.99 - 0.01 * i - 0.03 * j,
                LogitMse = 0.0004 * (i + 1),
                DistanceBefore = 40.0 + i,
                DistanceAfter = m == "identity" ? 40.0 + i : 25.0 + i,
            }))
            .ToList();

        var diagnostics = methods
            .SelectMany((m, j) => pairs.Select((p, i) => new AlignmentDiagnostics
            {
                Method = m,
                Pair = p,
                Groups = Enumerable.Range(1, 3)
                    .Select(g => new LayerDiagnostics($"P_{g}", 10.0 + g, m == "identity" ? 10.0 + g : 20.0 + g + j, 1e-7 * j, 3 + j, 0.01 * (j + 1))
                    {
                        // As a result written today: an iterating group carries its objective after every iteration.
                        ObjectiveTrace = Enumerable.Range(1, 3 + j).Select(k => 20.0 + g + j - 1.0 / k).ToList(),
                    })
                    .ToList(),
                Layers = Parameters.Select((parameter, l) => Similarity(parameter, m == "identity" ? 0.0 : 0.3 + 0.04 * j - 0.05 * l + 0.01 * i))
                    .ToList(),
                Seconds = 0.05 * (j + 1),
            }))
            .ToList();

        return new ExperimentResults
        {
            ExperimentId = "sample-digits",
            Dataset = "uci-digits",
            Model = "mlp",
            Lambdas = lambdas,
            Curves = curves,
            Fidelity = fidelity,
            Diagnostics = diagnostics,
            Summary = summary,
            Provenance = new Provenance
            {
                ManifestHash = "sha256:abc123",
                GitCommit = "0123456789abcdef",
                Packages = new Dictionary<string, string> { ["TorchSharp"] = "0.107.0", ["ScottPlot"] = "5.1.59" },
                Device = "cpu",
                Threads = 2,
                Seeds = [1, 2, 3, 4],
                StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                WallSeconds = 12.5,
                StageSeconds = new Dictionary<string, double> { ["train"] = 10.0, ["align"] = 1.5, ["interpolate"] = 1.0 },
            },
        };
    }

    /// <summary>A layer whose alignment raised every cosine by <paramref name="gain"/> over the unaligned 0.1.</summary>
    private static LayerSimilarity Similarity(string parameter, double gain)
    {
        var curve = Enumerable.Range(0, 10).Select(i => Math.Min(1.0, 0.1 + gain * (1 - i / 12.0))).ToList();
        return new LayerSimilarity
        {
            Parameter = parameter,
            WeightCosineBefore = 0.02,
            WeightCosineAfter = 0.02 + gain,
            TopK = curve.Count,
            SingularVectorCosineBefore = 0.1,
            SingularVectorCosineAfter = curve.Average(),
            SingularVectorCosines = curve,
        };
    }

    /// <summary>Mean and sample standard deviation, as the pipeline summarises seed pairs.</summary>
    public static MeanStd MeanStdOf(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0.0;
        return new MeanStd(mean, std, v.Length);
    }
}
