using System.Diagnostics;
using System.Globalization;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Where an epoch's time goes: a copy of <see cref="Training.Trainer"/>'s step with a stopwatch around each phase
/// (CPU ops run eagerly, so a phase's wall time is its cost), then whole epochs of the same loop with the per-step
/// extras removed one by one. The copy must follow Trainer.cs; it exists because Trainer exposes no hooks.
/// </summary>
public static class EpochProfiler
{
    private static readonly string[] _phases = ["batch (narrow + index_select)", "zero_grad", "forward", "cross_entropy", "loss.item", "backward", "optimizer.step", "accuracy (argmax.eq.sum.item)", "dispose scope"];

    public static void Run(TrainingSpec spec, Tensor features, Tensor labels)
    {
        var name = spec.Optimizer.ToString().ToLowerInvariant();
        var architecture = new Mlp(EpochBenchmark.Inputs, EpochBenchmark.Hidden, EpochBenchmark.Classes);
        using var generator = new Generator((ulong)EpochBenchmark.TrainSeed);
        using var trainable = architecture.Initialize(generator, CPU);
        foreach (var (_, tensor) in trainable.Entries)
        {
            tensor.requires_grad_(true);
        }

        using var optimizer = Trainer.CreateOptimizer(spec, trainable.Entries.Select(e => e.Value).ToList());

        // Warm-up epoch (allocator, MKL and JIT), then one instrumented epoch.
        Epoch(architecture, trainable, optimizer, features, labels, spec.BatchSize, generator, EpochVariant.AsTrainer, null);
        var ticks = new long[_phases.Length];
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var total = Epoch(architecture, trainable, optimizer, features, labels, spec.BatchSize, generator, EpochVariant.AsTrainer, ticks);
        var gcAfter = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Profile ({name}): one epoch of Trainer's step, {total:F3} s; .NET GCs gen0/1/2 during it: "
            + $"{gcAfter.Item1 - gcBefore.Item1}/{gcAfter.Item2 - gcBefore.Item2}/{gcAfter.Item3 - gcBefore.Item3}"));
        Console.WriteLine();
        Console.WriteLine("| phase | s/epoch | share | ms/step |");
        Console.WriteLine("|---|---:|---:|---:|");
        var steps = (EpochBenchmark.Samples + spec.BatchSize - 1) / spec.BatchSize;
        for (var p = 0; p < _phases.Length; p++)
        {
            var seconds = (double)ticks[p] / Stopwatch.Frequency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {_phases[p]} | {seconds:F3} | {100 * seconds / total:F1}% | {1000 * seconds / steps:F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| variant of the same loop | s/epoch |");
        Console.WriteLine("|---|---:|");
        foreach (var variant in Enum.GetValues<EpochVariant>())
        {
            var seconds = Epoch(architecture, trainable, optimizer, features, labels, spec.BatchSize, generator, variant, null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(variant)} | {seconds:F3} |"));
        }

        Console.WriteLine();
    }

    private static string Describe(EpochVariant variant) => variant switch
    {
        EpochVariant.AsTrainer => "as Trainer (item + accuracy every step)",
        EpochVariant.NoItem => "no loss.item per step",
        EpochVariant.NoItemNoAccuracy => "no loss.item, no accuracy per step",
        EpochVariant.ShuffleOnceThenNarrow => "no item/accuracy; one index_select per epoch, then narrow views",
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    private static double Epoch(Mlp architecture, ParameterSet trainable, IOptimizer optimizer, Tensor features, Tensor labels, int batchSize,
        Generator generator, EpochVariant variant, long[]? ticks)
    {
        var started = Stopwatch.StartNew();
        var n = features.shape[0];
        using var order = randperm(n, generator: generator);
        using var shuffledX = variant == EpochVariant.ShuffleOnceThenNarrow ? features.index_select(0, order) : null;
        using var shuffledY = variant == EpochVariant.ShuffleOnceThenNarrow ? labels.index_select(0, order) : null;
        double lossSum = 0, correct = 0;
        for (long start = 0; start < n; start += batchSize)
        {
            var mark = Stopwatch.GetTimestamp();
            var scope = NewDisposeScope();
            var length = Math.Min(batchSize, n - start);
            Tensor x, y;
            if (shuffledX is not null && shuffledY is not null)
            {
                x = shuffledX.narrow(0, start, length);
                y = shuffledY.narrow(0, start, length);
            }
            else
            {
                var index = order.narrow(0, start, length);
                x = features.index_select(0, index);
                y = labels.index_select(0, index);
            }

            Lap(ticks, 0, ref mark);
            optimizer.ZeroGrad();
            Lap(ticks, 1, ref mark);
            var logits = architecture.Forward(trainable, x);
            Lap(ticks, 2, ref mark);
            var loss = nn.functional.cross_entropy(logits, y);
            Lap(ticks, 3, ref mark);
            if (variant == EpochVariant.AsTrainer)
            {
                lossSum += loss.item<float>() * length;
            }

            Lap(ticks, 4, ref mark);
            loss.backward();
            Lap(ticks, 5, ref mark);
            optimizer.Step();
            Lap(ticks, 6, ref mark);
            if (variant is EpochVariant.AsTrainer or EpochVariant.NoItem)
            {
                correct += logits.argmax(1).eq(y).sum().item<long>();
            }

            Lap(ticks, 7, ref mark);
            scope.Dispose();
            Lap(ticks, 8, ref mark);
        }

        GC.KeepAlive(lossSum + correct);
        return started.Elapsed.TotalSeconds;
    }

    private static void Lap(long[]? ticks, int phase, ref long mark)
    {
        if (ticks is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        ticks[phase] += now - mark;
        mark = now;
    }
}
