using System.Diagnostics;
using System.Globalization;
using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Convolutional models (ResNet-20, VGG-11) in the two stages that scale with them, on random CIFAR-10-shaped inputs
/// (the arithmetic does not depend on the values):
/// <list type="bullet">
/// <item><c>conv align</c>: one alignment of two independent random initialisations (seeds 1 and 2) at the method's
/// default options (<c>activation-matching</c> with <c>Center = true</c>), its activations streamed over slices of the
/// sample exactly as the pipeline's align stage builds the problem; seconds, iterations, peak RSS.</item>
/// <item><c>conv grid</c>: the interpolate stage's loop over the λ grid on random endpoints (random initialisations with
/// randomised running statistics) three ways: θ(λ) evaluated as it is, with the BatchNorm reset
/// (<see cref="StatisticsReset.Recompute"/>) before each evaluation, and optionally with REPAIR.</item>
/// </list>
/// Every figure states the cores other processes kept busy meanwhile (<see cref="CpuSample"/>).
/// </summary>
public static class ConvBenchmark
{
    private const ulong SeedA = 1;
    private const ulong SeedB = 2;

    public static int Run(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "";
        try
        {
            return mode switch
            {
                "align" => Align(args[1..]),
                "grid" => Grid(args[1..]),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"conv {mode}: {e.Message}");
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: conv align [--model resnet20|vgg11] [--width 8] [--norm batchnorm|layernorm|none] [--method weight-matching|activation-matching] [--samples 2000]");
        Console.Error.WriteLine("       conv grid [--model resnet20|vgg11] [--width 1] [--norm batchnorm] [--lambdas 25] [--test 10000] [--train 2000] [--calibration 2000] [--batch 500] [--repair] [--reps 1]");
        return 2;
    }

    /// <summary><c>conv align</c>: one timed alignment after a warm-up of the same method on the model at width 1.</summary>
    private static int Align(string[] args)
    {
        var width = Option(args, "--width", 8);
        var samples = (int)Option(args, "--samples", 2000);
        var methodId = OptionText(args, "--method") ?? "weight-matching";
        if (methodId is not ("weight-matching" or "activation-matching"))
        {
            throw new ArgumentException($"--method {methodId}: use weight-matching or activation-matching.");
        }

        var architecture = Architecture(args, width);
        var entry = AlignmentMethods.Registry.Get(methodId);
        var options = methodId == "activation-matching" ? new ActivationMatchingOptions { Center = true } : null;
        var optionsText = methodId == "activation-matching" ? "defaults, center" : "defaults";
        Console.WriteLine(Header($"{methodId} ({optionsText}), {architecture.Describe()}, random inits seeds {SeedA} and {SeedB}, "
            + (entry.Traits.NeedsActivations ? $"{samples} random CIFAR-shaped samples streamed in slices of {architecture.ActivationSliceSize}" : "no activations")));

        // Warm-up: the same method at width 1 on a few samples, so libtorch's and the JIT's first calls are not timed.
        var small = Architecture(args, 1);
        using (var warmA = Initialize(small, 11))
        using (var warmB = Initialize(small, 12))
        using (var warmInputs = Inputs(Math.Min(samples, 32), 13))
        {
            entry.Create(options).Align(Problem(small, warmA, warmB, warmInputs)).Dispose();
        }

        using var a = Initialize(architecture, SeedA);
        using var b = Initialize(architecture, SeedB);
        using var inputs = Inputs(samples, 3);
        var problem = Problem(architecture, a, b, inputs);
        var before = PeakRss.Reset();
        var start = CpuSample.Take();
        var clock = Stopwatch.StartNew();
        using var result = entry.Create(options).Align(problem);
        var seconds = clock.Elapsed.TotalSeconds;
        var others = CpuSample.Take().OtherCoresSince(start);
        var peak = PeakRss.Megabytes();

        var d = result.Diagnostics;
        Console.WriteLine();
        Console.WriteLine("| model | method | seconds | iterations (max over groups) | converged | objective before | objective after | peak RSS MB | other processes' cores |");
        Console.WriteLine("|---|---|---:|---:|:---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {architecture.Describe()} | {methodId} ({optionsText}) | {seconds:F2} | {(d.Count == 0 ? 0 : d.Max(x => x.Iterations))} | {(d.All(x => x.Converged) ? "yes" : "no")} | {d.Sum(x => x.ObjectiveBefore):G6} | {d.Sum(x => x.ObjectiveAfter):G6} | {peak:F0} | {others:F2} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak RSS (VmHWM) {(before.Reset ? "since just before the alignment" : "of the whole process (the peak could not be reset)")}: {peak:F0} MB; RSS before the alignment {before.RssMegabytes:F0} MB (models and inputs included)"));
        return 0;
    }

    /// <summary>The problem as the pipeline's align stage builds it: the whole sample, and slices of it for streamed statistics.</summary>
    private static AlignmentProblem Problem(IArchitecture architecture, ParameterSet a, ParameterSet b, Tensor inputs) =>
        new(architecture.Symmetry, a, b, (p, kind) => architecture.GroupActivations(p, inputs, kind), 0)
        {
            Slices = (p, kind, start, count) => architecture.GroupActivations(p, inputs.narrow(0, start, count), kind),
            SampleCount = inputs.shape[0],
            SliceSize = architecture.ActivationSliceSize,
        };

    /// <summary><c>conv grid</c>: the λ grid evaluated plain, with the BatchNorm reset, and (<c>--repair</c>) with REPAIR.</summary>
    private static int Grid(string[] args)
    {
        var width = Option(args, "--width", 1);
        var lambdas = LambdaGrid.Linspace((int)Option(args, "--lambdas", 25));
        var testCount = (int)Option(args, "--test", 10_000);
        var trainCount = (int)Option(args, "--train", 2_000);
        var calibrationCount = (int)Option(args, "--calibration", Math.Min(2_000, trainCount));
        var batch = (int)Option(args, "--batch", 500);
        var reps = (int)Option(args, "--reps", 1);
        var repair = args.Contains("--repair");
        if (calibrationCount < 1 || calibrationCount > trainCount)
        {
            throw new ArgumentException($"--calibration {calibrationCount}: between 1 and --train ({trainCount}).");
        }

        var architecture = Architecture(args, width);
        if (architecture.Statistics.Count == 0)
        {
            throw new ArgumentException($"{architecture.Describe()} has no running statistics to reset: use --norm batchnorm.");
        }

        Console.WriteLine(Header($"{architecture.Describe()}, linear path, {lambdas.Count} λ, {testCount} test + {trainCount} train-subset random samples "
            + $"(evaluation batch {architecture.EvaluationBatchSize}); reset on the first {calibrationCount} train-subset samples in batches of {batch}; best of {reps}"));

        using var a = Initialize(architecture, SeedA, randomStatistics: true);
        using var b = Initialize(architecture, SeedB, randomStatistics: true);
        var splits = new[] { Split("test", testCount, 3), Split("train", trainCount, 4) };
        using var calibration = splits[1].Features.narrow(0, 0, calibrationCount);
        var path = new LinearPath();
        var resetSeconds = 0.0;
        var repairSeconds = 0.0;

        void Evaluate(ParameterSet theta)
        {
            foreach (var split in splits)
            {
                Evaluator.Evaluate(architecture, theta, split);
            }
        }

        void Plain()
        {
            foreach (var lambda in lambdas)
            {
                using var theta = path.At(a, b, lambda);
                Evaluate(theta);
            }
        }

        void Reset()
        {
            resetSeconds = 0;
            foreach (var lambda in lambdas)
            {
                using var interpolated = path.At(a, b, lambda);
                var clock = Stopwatch.StartNew();
                using var theta = StatisticsReset.Recompute(architecture, interpolated, lambda, calibration, batch);
                resetSeconds += clock.Elapsed.TotalSeconds;
                Evaluate(theta);
            }
        }

        void Repair()
        {
            var clock = Stopwatch.StartNew();
            using var endpoints = Renormalisation.Endpoints(architecture, a, b, calibration);
            repairSeconds = clock.Elapsed.TotalSeconds;
            foreach (var lambda in lambdas)
            {
                using var interpolated = path.At(a, b, lambda);
                clock.Restart();
                using var theta = Renormalisation.Correct(architecture, interpolated, endpoints, lambda, calibration, Correction.Repair);
                repairSeconds += clock.Elapsed.TotalSeconds;
                Evaluate(theta);
            }
        }

        // Warm-up, not timed: one λ of the reset grid (λ = ½, reset on the whole calibration set, both splits evaluated),
        // so the first timed grid does not pay for libtorch's first calls and the allocator's first growth.
        using (var half = path.At(a, b, 0.5))
        using (var warm = StatisticsReset.Recompute(architecture, half, 0.5, calibration, batch))
        {
            Evaluate(warm);
        }

        var plain = Measure(Plain, reps);
        var reset = Measure(Reset, reps);
        var repaired = repair ? Measure(Repair, reps) : default;

        Console.WriteLine();
        Console.WriteLine("| λ grid | seconds (best) | seconds (median) | correction alone, s (last run) | other processes' cores |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Row("evaluation only", plain, "—"));
        Console.WriteLine(Row("BatchNorm reset + evaluation", reset, resetSeconds.ToString("F2", CultureInfo.InvariantCulture)));
        if (repair)
        {
            Console.WriteLine(Row("REPAIR + evaluation", repaired, repairSeconds.ToString("F2", CultureInfo.InvariantCulture)));
        }

        var resetPart = reset.Seconds - plain.Seconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reset part (reset grid − evaluation grid, best times): {resetPart:F2} s = {resetPart / plain.Seconds:F2} × the evaluation ({resetSeconds / plain.Seconds:F2} × timed directly); target ≤ 1"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS (VmHWM) of the process: {PeakRss.Megabytes():F0} MB"));
        foreach (var split in splits)
        {
            split.Features.Dispose();
            split.Labels.Dispose();
        }

        return 0;
    }

    private readonly record struct GridTiming(double Seconds, double MedianSeconds, double Others);

    private static GridTiming Measure(Action action, int reps)
    {
        var start = CpuSample.Take();
        var timing = Timing.Measure(action, warmUp: 0, reps);
        return new GridTiming(timing.MinMs / 1000, timing.MedianMs / 1000, CpuSample.Take().OtherCoresSince(start));
    }

    private static string Row(string name, GridTiming timing, string correction) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {timing.Seconds:F2} | {timing.MedianSeconds:F2} | {correction} | {timing.Others:F2} |");

    private static string Header(string what) =>
        $"{what}; {Environment.ProcessorCount} logical CPUs, torch threads {get_num_threads()}, .NET {Environment.Version}, load {EpochBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd}";

    /// <summary>
    /// <c>--model resnet20</c> (default; 3×3 shortcut convolutions, the manifest's default, <c>--norm</c> batchnorm by
    /// default) or <c>vgg11</c> (<c>--norm</c> none by default), 3×32×32 inputs, 10 classes, at <paramref name="width"/>.
    /// </summary>
    private static IArchitecture Architecture(string[] args, double width)
    {
        var model = OptionText(args, "--model") ?? "resnet20";
        if (model is not ("resnet20" or "vgg11"))
        {
            throw new ArgumentException($"--model {model}: use resnet20 or vgg11.");
        }

        var normText = OptionText(args, "--norm") ?? (model == "resnet20" ? "batchnorm" : "none");
        var norm = normText switch
        {
            "batchnorm" => Normalisation.Batchnorm,
            "layernorm" => Normalisation.Layernorm,
            "none" => Normalisation.None,
            _ => throw new ArgumentException($"--norm {normText}: use batchnorm, layernorm or none."),
        };
        return model == "resnet20"
            ? new ResNet(Cifar10.Shape, width, norm, shortcutKernel: 3, Cifar10.ClassCount)
            : new Vgg(Cifar10.Shape, 11, width, norm, Cifar10.ClassCount);
    }

    /// <summary>
    /// The architecture's initialisation from <paramref name="seed"/>; with <paramref name="randomStatistics"/>, running
    /// means ~ N(0, 0.1²) and variances ~ U[0.5, 1.5) instead of 0 and 1, so the two endpoints' statistics differ as trained ones do.
    /// </summary>
    private static ParameterSet Initialize(IArchitecture architecture, ulong seed, bool randomStatistics = false)
    {
        using var generator = new Generator(seed);
        var parameters = architecture.Initialize(generator, CPU);
        if (randomStatistics)
        {
            using var noGrad = no_grad();
            foreach (var name in architecture.Statistics)
            {
                if (name.EndsWith(".running_mean", StringComparison.Ordinal))
                {
                    parameters[name].normal_(0, 0.1, generator);
                }
                else
                {
                    parameters[name].uniform_(0.5, 1.5, generator);
                }
            }
        }

        return parameters;
    }

    /// <summary>Uniform [0, 1) CIFAR-shaped samples (n × 3072, as the pipeline's float inputs), seeded.</summary>
    private static Tensor Inputs(int count, ulong seed)
    {
        using var generator = new Generator(seed);
        return rand(count, Cifar10.Pixels, generator: generator);
    }

    private static EvaluationSplit Split(string name, int count, ulong seed)
    {
        using var generator = new Generator(seed);
        return new EvaluationSplit(name, rand(count, Cifar10.Pixels, generator: generator), randint(Cifar10.ClassCount, count, generator: generator));
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>This process's peak resident set (Linux /proc/self/status VmHWM), which writing 5 to /proc/self/clear_refs resets.</summary>
    private static class PeakRss
    {
        /// <summary>Resets the peak to the current RSS where the kernel allows it; says whether it did, and the RSS then.</summary>
        public static (bool Reset, double RssMegabytes) Reset()
        {
            var reset = false;
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                reset = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            return (reset, Status("VmRSS"));
        }

        public static double Megabytes() => Status("VmHWM");

        private static double Status(string field)
        {
            if (!File.Exists("/proc/self/status"))
            {
                return double.NaN;
            }

            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }
}
