using System.Diagnostics;
using System.Globalization;
using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Times every alignment method of the catalog at its default options on the study's MLP shape (784-512-512-512-10,
/// two PyTorch-default random inits, 1,000 random activation samples), or those named by <c>--methods a,b</c>;
/// <c>stiefel</c> at <c>--lr/--steps/--tol</c> when given, and the reflection variants with <c>--reflections</c>.
/// One timed run each after a warm-up on a small MLP, since a 30 s run needs no median.
/// </summary>
public static class AlignBenchmark
{
    public static int Run(string[] args)
    {
        var defaults = new StiefelOptions();
        var stiefel = defaults with
        {
            Lr = Option(args, "--lr", defaults.Lr),
            Steps = (int)Option(args, "--steps", defaults.Steps),
            Tol = Option(args, "--tol", defaults.Tol),
        };
        var mlp = new Mlp(784, [512, 512, 512], 10);
        Console.WriteLine($"{mlp.Describe()}, seeds 1 and 2; {Environment.ProcessorCount} logical CPUs, torch threads {get_num_threads()}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| method | options | seconds | iterations | objective before | objective after | max ||TᵀT − I|| |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");

        WarmUp();
        // --mnist DIR --epochs N: align two models trained on MNIST (what the targets are about) instead of random inits.
        var mnist = OptionText(args, "--mnist");
        var (a, b) = mnist is null ? (Initialize(mlp, 1), Initialize(mlp, 2)) : TrainOnMnist(mlp, mnist, (int)Option(args, "--epochs", 3));
        using var disposeA = a;
        using var disposeB = b;
        using var samples = Inputs(1000, 784, 3);
        var problem = new AlignmentProblem(mlp.Symmetry, a, b, (p, kind) => mlp.GroupActivations(p, samples, kind), 0);
        var only = OptionText(args, "--methods")?.Split(',');
        foreach (var entry in AlignmentMethods.Registry.Entries.Where(m => only is null || only.Contains(m.Id)))
        {
            var method = entry.Id == "stiefel" ? new StiefelAlignment(stiefel) : entry.Create(null);
            Report(method, entry.Id == "stiefel" ? $"lr {stiefel.Lr}, steps {stiefel.Steps}, tol {stiefel.Tol}" : "defaults", problem);
        }
        if (args.Contains("--reflections"))
        {
            Report(new ReflectionAlignment(new ReflectionOptions { Solver = ReflectionSolver.Adam }), "adam, weights", problem);
            Report(new ReflectionAlignment(new ReflectionOptions { On = ReflectionTarget.Activations }), "eig, activations", problem);
        }
        return 0;
    }

    private static (ParameterSet A, ParameterSet B) TrainOnMnist(Mlp mlp, string directory, int epochs)
    {
        var (features, labels) = MnistIdx.LoadTraining(directory);
        using var _ = features;
        using var __ = labels;
        var spec = new Manifest.TrainingSpec { Epochs = epochs, BatchSize = 256, LearningRate = 1e-3 };
        var clock = Stopwatch.StartNew();
        var (a, _) = OrthoRebasin.Training.Trainer.Train(mlp, spec, features, labels, 1, CPU);
        var (b, _) = OrthoRebasin.Training.Trainer.Train(mlp, spec, features, labels, 2, CPU);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained seeds 1 and 2 on MNIST, Adam, {epochs} epochs each, in {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine();
        return (a, b);
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static void Report(IAlignmentMethod method, string options, AlignmentProblem problem)
    {
        var clock = Stopwatch.StartNew();
        using var result = method.Align(problem);
        var seconds = clock.Elapsed.TotalSeconds;
        var d = result.Diagnostics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {method.Id} | {options} | {seconds:F2} | {d.Max(x => x.Iterations)} | {d.Sum(x => x.ObjectiveBefore):G6} | {d.Sum(x => x.ObjectiveAfter):G6} | {d.Max(x => x.OrthogonalityDefect):E1} |"));
    }

    private static void WarmUp()
    {
        var mlp = new Mlp(20, [16, 16], 4);
        using var a = Initialize(mlp, 4);
        using var b = Initialize(mlp, 5);
        using var samples = Inputs(32, 20, 6);
        var problem = new AlignmentProblem(mlp.Symmetry, a, b, (p, kind) => mlp.GroupActivations(p, samples, kind), 0);
        new StiefelAlignment(new StiefelOptions { Steps = 5 }).Align(problem).Dispose();
        new ReflectionAlignment(new ReflectionOptions { Steps = 5 }).Align(problem).Dispose();
    }

    private static ParameterSet Initialize(Mlp mlp, ulong seed)
    {
        using var generator = new Generator(seed);
        return mlp.Initialize(generator, CPU);
    }

    private static Tensor Inputs(int count, int features, ulong seed)
    {
        using var generator = new Generator(seed);
        return randn(count, features, generator: generator);
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
