using System.Diagnostics;
using System.Globalization;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Training;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Seconds per training epoch of the MLP 784-512-512-512-10 through <see cref="Trainer.Train"/>, on MNIST-sized
/// data (60,000 × 784), batch 256, SGD (momentum 0.9, lr 0.01) and Adam (lr 1e-3). bench/torch_epoch.py runs the
/// same loop in PyTorch. Options: --threads N (default 2), --epochs N measured (default 3, after one warm-up
/// epoch), --optimizer sgd|adam|both, --mnist DIR (real MNIST instead of seeded uniform inputs), --profile (adds
/// a per-phase breakdown of the same training step, see <see cref="EpochProfiler"/>), --collect (a full .NET
/// GC after every epoch: tells native memory held only by unreachable tensors from a real leak), --out FILE.csv,
/// --batch N (default 256). With --model resnet20|vgg11 the same measurement runs on a convolutional model instead
/// (<see cref="ConvEpochBenchmark"/>, its options there).
/// </summary>
public static class EpochBenchmark
{
    public const int Samples = 60_000;
    public const int Inputs = 784;
    public const int Classes = 10;
    public const int BatchSize = 256;
    public const int DataSeed = 20261127;
    public const int TrainSeed = 1;

    public static readonly int[] Hidden = [512, 512, 512];

    public static int Run(string[] args)
    {
        var options = EpochOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: epoch [--threads N] [--epochs N] [--optimizer sgd|adam|both] [--mnist DIR] [--batch N] [--profile] [--collect] [--out FILE.csv]");
            Console.Error.WriteLine("       epoch --model resnet20|vgg11 [--width W] [--norm batchnorm|layernorm|none] [--batch N] [--samples N] [--cifar DIR] [--augment]");
            Console.Error.WriteLine("             [--threads N] [--epochs N] [--collect] [--out FILE.csv]   (SGD only; resnet20's width is a whole number)");
            return 2;
        }

        set_num_threads(options.Threads);
        if (options.IsConvolutional)
        {
            return ConvEpochBenchmark.Run(options);
        }

        var (features, labels) = LoadData(options.MnistDirectory);
        try
        {
            Measure(options, features, labels);
        }
        finally
        {
            features.Dispose();
            labels.Dispose();
        }

        return 0;
    }

    private static void Measure(EpochOptions options, Tensor features, Tensor labels)
    {
        var dataName = options.MnistDirectory is null ? $"uniform inputs, seed {DataSeed}" : "MNIST train";

        Console.WriteLine($"Trainer.Train, mlp 784-512-512-512-10, {Samples} samples ({dataName}), batch {options.ResolvedBatch}; "
            + $"threads {get_num_threads()}, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
            + $"load {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine(TableHeader);

        var leftAlive = new List<string>();
        var lines = new List<string> { CsvHeader };
        foreach (var spec in Specs(options.ResolvedOptimizer, options.Epochs + 1, options.ResolvedBatch))
        {
            var name = spec.Optimizer.ToString().ToLowerInvariant();
            var timing = Time(options, report => Trainer.Train(new Mlp(Inputs, Hidden, Classes), spec, features, labels, TrainSeed, CPU, report));
            leftAlive.Add($"{name} {timing.LeftAlive}");
            Console.WriteLine(timing.TableRow(name));
            lines.Add(timing.CsvRow(name, get_num_threads(), "mlp"));
        }

        // Tensors a Train call created and did not dispose (its result is disposed): they wait for the finalizer.
        Console.WriteLine();
        Console.WriteLine($"tensors left alive by Trainer.Train after disposing its result: {string.Join(", ", leftAlive)}");

        if (options.Profile)
        {
            Console.WriteLine();
            foreach (var spec in Specs(options.ResolvedOptimizer, 1, options.ResolvedBatch))
            {
                EpochProfiler.Run(spec, features, labels);
            }
        }

        var output = options.Output ?? Path.Combine(Path.GetTempPath(), "orthorebasin-epoch.csv");
        File.WriteAllLines(output, lines);
        Console.WriteLine();
        Console.WriteLine($"written to {output}; peer: /usr/bin/python3 bench/torch_epoch.py");
    }

    public static (Tensor Features, Tensor Labels) LoadData(string? mnistDirectory)
    {
        if (mnistDirectory is not null)
        {
            return MnistIdx.LoadTraining(mnistDirectory);
        }

        using var generator = new Generator(DataSeed);
        return (rand(Samples, Inputs, generator: generator), randint(Classes, [Samples], generator: generator));
    }

    public static IEnumerable<TrainingSpec> Specs(string which, int epochs, int batchSize)
    {
        if (which is "sgd" or "both")
        {
            yield return new TrainingSpec { Optimizer = OptimizerKind.Sgd, Epochs = epochs, BatchSize = batchSize, LearningRate = 0.01, Momentum = 0.9 };
        }

        if (which is "adam" or "both")
        {
            yield return new TrainingSpec { Optimizer = OptimizerKind.Adam, Epochs = epochs, BatchSize = batchSize, LearningRate = 1e-3 };
        }
    }

    /// <summary>The table's header: one row per training run (<see cref="EpochTiming.TableRow"/>).</summary>
    public const string TableHeader =
        "| optimizer | epochs | median s/epoch | min s | max s | warm-up s | others' cores per epoch | RSS after each epoch MB | live tensors |\n"
        + "|---|---:|---:|---:|---:|---:|---|---|---|";

    /// <summary>The CSV's header: one row per training run (<see cref="EpochTiming.CsvRow"/>); bench/contention.sh reads the columns by position.</summary>
    public const string CsvHeader = "optimizer,threads,epochs,median_s,min_s,max_s,warmup_s,max_other_cores,final_loss,model";

    /// <summary>
    /// Times one <c>Trainer.Train</c> call of 1 + N epochs: <paramref name="train"/> runs it with the callback it is given
    /// as <c>epochFinished</c>, which stamps each epoch's end, the cores others used during it, the RSS and the live
    /// tensors. The trained parameters are disposed; the tensors still alive after that are counted.
    /// </summary>
    public static EpochTiming Time(EpochOptions options, Func<Action<int, double>, (ParameterSet Parameters, TrainingLog Log)> train)
    {
        var ends = new List<double>();
        var rss = new List<long>();
        var losses = new List<double>();
        var others = new List<double>();
        var live = new List<long>();
        var liveBefore = LiveTensors();
        var cpu = CpuSample.Take();
        var stopwatch = Stopwatch.StartNew();
        var (parameters, _) = train((_, loss) =>
        {
            ends.Add(stopwatch.Elapsed.TotalSeconds);
            losses.Add(loss);
            if (options.Collect)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            rss.Add(Environment.WorkingSet / (1024 * 1024));
            // Tensors alive on this thread: flat across epochs means RSS growth is the native heap, not a leak.
            live.Add(LiveTensors());
            var now = CpuSample.Take();
            others.Add(now.OtherCoresSince(cpu));
            cpu = now;
        });
        parameters.Dispose();

        // The first interval also holds initialisation (a few ms); it is the warm-up and is not counted.
        var seconds = ends.Select((end, i) => i == 0 ? end : end - ends[i - 1]).ToArray();
        return new EpochTiming(seconds, others, rss, live, losses[^1], LiveTensors() - liveBefore);
    }

    public static long LiveTensors() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    public static string LoadAverage()
    {
        // Recorded with every figure: the machine is shared, and a busy neighbour moves timings by tens of percent.
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(" ", File.ReadAllText(path).Split(' ')[..3]) : "n/a";
    }
}
