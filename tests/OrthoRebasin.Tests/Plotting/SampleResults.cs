using OrthoRebasin.Evaluation;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Plotting;

/// <summary>A hand-made ExperimentResults: two methods, one path, two splits, two seed pairs, with summaries computed from the curves.</summary>
internal static class SampleResults
{
    public static readonly string[] Methods = ["identity", "weight-matching"];

    public static ExperimentResults Create(int endpointMaxima = 0)
    {
        var lambdas = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        var pairs = new[] { new SeedPair(1, 2), new SeedPair(3, 4) };
        var curves = new List<CurveResult>();
        foreach (var (method, height) in Methods.Zip(new[] { 1.2, 0.15 }))
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
                        Path = "linear",
                        Split = split,
                        Pair = pair,
                        Loss = loss,
                        Accuracy = accuracy,
                        OriginalBLoss = 0.3,
                        OriginalBAccuracy = 0.95,
                        Barriers = new BarrierMetrics
                        {
                            LossBarrier = bump,
                            LossBarrierMean = bump + 0.01,
                            AccBarrier = bump * 0.3,
                            LossBarrierVsOriginal = bump + 0.02,
                            ArgmaxLambda = 0.5,
                        },
                    });
                }
            }
        }

        var summary = Barriers.SummarizeCurves(curves)
            .Select(s => s with { EndpointMaxima = s.Method == "weight-matching" && s.Split == "test" ? endpointMaxima : 0 })
            .ToList();

        var fidelity = Methods
            .SelectMany(m => pairs.Select((p, i) => new FidelityResult
            {
                Method = m,
                Pair = p,
                DeltaLoss = 0.001 * (i + 1),
                DeltaAccuracy = -0.002 * (i + 1),
                PredictionAgreement = 0.99 - 0.01 * i,
                LogitMse = 0.0004 * (i + 1),
                DistanceBefore = 40.0 + i,
                DistanceAfter = m == "identity" ? 40.0 + i : 25.0 + i,
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

    /// <summary>Mean and sample standard deviation, as the pipeline summarises seed pairs.</summary>
    public static MeanStd MeanStdOf(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0.0;
        return new MeanStd(mean, std, v.Length);
    }
}
