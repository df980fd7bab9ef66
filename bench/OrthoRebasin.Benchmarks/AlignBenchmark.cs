using System.Diagnostics;
using System.Globalization;
using OrthoRebasin.Alignment;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Times the orthogonal optimisers on the seed's MLP shape (784-512-512-512-10, two PyTorch-default random inits):
/// <c>stiefel</c> at its defaults or at <c>--lr/--steps/--tol</c> (skipped with <c>--reflection-only</c>), and <c>reflection</c>.
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
        using var a = Initialize(mlp, 1);
        using var b = Initialize(mlp, 2);
        using var samples = Inputs(256, 784, 3);
        var problem = new AlignmentProblem(mlp.Symmetry, a, b, (p, kind) => mlp.GroupActivations(p, samples, kind), 0);
        if (!args.Contains("--reflection-only"))
            Report(new StiefelAlignment(stiefel), $"lr {stiefel.Lr}, steps {stiefel.Steps}, tol {stiefel.Tol}", problem);
        Report(new ReflectionAlignment(new ReflectionOptions()), "eig, weights", problem);
        Report(new ReflectionAlignment(new ReflectionOptions { Solver = ReflectionSolver.Adam }), "adam, weights", problem);
        Report(new ReflectionAlignment(new ReflectionOptions { On = ReflectionTarget.Activations }), "eig, activations (256 samples)", problem);
        return 0;
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
