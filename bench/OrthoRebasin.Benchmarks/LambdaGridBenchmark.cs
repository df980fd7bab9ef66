using System.Globalization;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// The interpolate stage's inner loop — θ(λ) on the path, then loss and accuracy on each evaluation split — timed on
/// the study's CIFAR-10 MLP (3072-512-512-512-10) and stated as a fraction of the machine's matmul ceiling.
/// <para>
/// FLOPs counted: the forward matmuls only, 2·n·Σ_l d_l·d_{l−1} per λ over the n evaluated samples (biases, relu,
/// softmax and the path itself are O(n·d) or O(parameters) and left out, so the rate is a lower bound of the work
/// done). The ceiling is measured in the same process: a 2048² float32 matmul, the best of five.
/// </para>
/// Defaults follow the full CIFAR-10 reproduction: 25 λ, the 10,000 test samples plus the 2,000-sample training
/// subset, evaluated in the library's batches. Inputs are random: the arithmetic does not depend on the values.
/// <para>
/// <c>--correction repair|rescale|reshift</c> corrects θ(λ) after interpolation as the pipeline does
/// (docs/METHODS.md §4): the endpoints' statistics once per grid, then every interior λ corrected on the first
/// <c>--calibration</c> samples of the training subset (default: all of it) before it is evaluated. The time includes
/// both; the FLOP count stays the evaluation's, so compare the times of a corrected and an uncorrected run.
/// </para>
/// </summary>
public static class LambdaGridBenchmark
{
    public static int Run(string[] args)
    {
        var input = (int)Option(args, "--input", 3072);
        var hidden = (OptionText(args, "--hidden") ?? "512,512,512").Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray();
        var classes = (int)Option(args, "--classes", 10);
        var testSamples = (int)Option(args, "--test", 10_000);
        var trainSamples = (int)Option(args, "--train-subset", 2_000);
        var lambdas = LambdaGrid.Linspace((int)Option(args, "--lambdas", 25));
        var pathId = OptionText(args, "--path") ?? "linear";
        var reps = (int)Option(args, "--reps", 3);
        var correctionText = OptionText(args, "--correction") ?? "none";
        var correction = Enum.GetValues<Correction>().FirstOrDefault(c => PathLabel.Name(c) == correctionText, (Correction)(-1));
        if (!Enum.IsDefined(correction))
        {
            Console.Error.WriteLine($"--correction {correctionText}: use none, repair, rescale or reshift.");
            return 2;
        }

        var calibrationCount = (int)Option(args, "--calibration", trainSamples);

        var mlp = new Mlp(input, hidden, classes);
        Console.WriteLine($"{mlp.Describe()}, {PathLabel.Of(pathId, new LinearOptions { Correction = correction })} path (calibration {(correction == Correction.None ? 0 : calibrationCount)}), {lambdas.Count} λ, {testSamples} + {trainSamples} samples; {Environment.ProcessorCount} logical CPUs, torch threads {get_num_threads()}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");

        var ceiling = MatmulCeiling(2048);
        using var a = Initialize(mlp, 1);
        using var b = Initialize(mlp, 2);
        var splits = new[] { Split("test", testSamples, input, classes, 3), Split("train", trainSamples, input, classes, 4) };
        var path = InterpolationPaths.Registry.Get(pathId).Create(null);

        using var calibration = splits[1].Features.narrow(0, 0, Math.Min(calibrationCount, trainSamples));

        void Grid()
        {
            using var endpoints = correction == Correction.None ? null : Renormalisation.Endpoints(mlp, a, b, calibration);
            foreach (var lambda in lambdas)
            {
                using var interpolated = path.At(a, b, lambda);
                using var corrected = endpoints is null ? null : Renormalisation.Correct(mlp, interpolated, endpoints, lambda, calibration, correction);
                var theta = corrected ?? interpolated;
                foreach (var split in splits)
                {
                    Evaluator.Evaluate(mlp, theta, split);
                }
            }
        }

        var start = CpuSample.Take();
        var timing = Timing.Measure(Grid, warmUp: 1, reps);
        var others = CpuSample.Take().OtherCoresSince(start);

        var widths = mlp.Widths;
        var macsPerSample = Enumerable.Range(1, widths.Count - 1).Sum(l => (double)widths[l] * widths[l - 1]);
        var flops = 2.0 * macsPerSample * (testSamples + trainSamples) * lambdas.Count;
        var rate = flops / (timing.MinMs / 1000) / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matmul ceiling (2048² float32, best of 5): {ceiling:F1} GFLOP/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"λ grid: {flops / 1e9:F1} GFLOP in {timing.MinMs / 1000:F3} s (best of {reps}; median {timing.MedianMs / 1000:F3} s) = {rate:F1} GFLOP/s, {100 * rate / ceiling:F0}% of the ceiling; other processes used {others:F2} cores meanwhile"));
        foreach (var split in splits)
        {
            split.Features.Dispose();
            split.Labels.Dispose();
        }
        return 0;
    }

    /// <summary>GFLOP/s of an n×n by n×n float32 matmul (2n³ FLOPs), the best of five after two warm-ups.</summary>
    private static double MatmulCeiling(int n)
    {
        using var generator = new Generator(11);
        using var x = randn(n, n, generator: generator);
        using var y = randn(n, n, generator: generator);
        var timing = Timing.Measure(() => x.matmul(y).Dispose(), warmUp: 2, reps: 5);
        return 2.0 * n * n * n / (timing.MinMs / 1000) / 1e9;
    }

    private static EvaluationSplit Split(string name, int count, int features, int classes, ulong seed)
    {
        using var generator = new Generator(seed);
        return new EvaluationSplit(name, randn(count, features, generator: generator), randint(classes, count, generator: generator));
    }

    private static ParameterSet Initialize(Mlp mlp, ulong seed)
    {
        using var generator = new Generator(seed);
        return mlp.Initialize(generator, CPU);
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
