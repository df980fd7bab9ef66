using System.Globalization;
using OrthoRebasin.Data;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Training;
using static TorchSharp.torch;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Seconds per training epoch of a convolutional model through <see cref="Trainer.Train"/> on CIFAR-10-shaped images,
/// trained as the pipeline trains them: from uint8 samples (<see cref="LabelledData"/>), each batch gathered and made
/// float one batch at a time. SGD (momentum 0.9, weight decay 5e-4, constant lr 0.05), seed 1. bench/torch_conv_epoch.py
/// runs the same loop in PyTorch. Options (beside the epoch benchmark's --threads, --epochs, --collect, --out):
/// --model resnet20|vgg11; --width (resnet20: a whole multiplier, default 1; vgg11: default 0.25, the quick width);
/// --norm batchnorm|layernorm|none (resnet20 default batchnorm, vgg11 default none); --batch N (default 128);
/// --samples N (training images, default 50,000); --cifar DIR (the CIFAR-10 folder of binary batches; without it, or
/// when its batches are absent, seeded uniform random pixels with random labels); --augment (random crop 4 and
/// horizontal flip, <see cref="TrainingSpec.Augmentation"/>).
/// </summary>
public static class ConvEpochBenchmark
{
    /// <summary>CIFAR-10's training images (five binary batches of 10,000).</summary>
    public const int CifarTrainingImages = 50_000;

    public const double LearningRate = 0.05;
    public const double Momentum = 0.9;
    public const double WeightDecay = 5e-4;

    public static int Run(EpochOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IArchitecture architecture;
        try
        {
            architecture = Architecture(options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"epoch: {e.Message}");
            return 2;
        }

        var (data, dataName) = LoadData(options.CifarDirectory, options.ResolvedSamples);
        using (data)
        {
            Measure(options, architecture, data, dataName);
        }

        return 0;
    }

    /// <summary>The model <paramref name="options"/> name: resnet20 (3×3 shortcuts, as the pipeline's default) or vgg11, 10 classes.</summary>
    public static IArchitecture Architecture(EpochOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var norm = options.ResolvedNorm switch
        {
            "batchnorm" => Normalisation.Batchnorm,
            "layernorm" => Normalisation.Layernorm,
            _ => Normalisation.None,
        };
        return options.Model == "resnet20"
            ? new ResNet(Cifar10.Shape, (int)options.ResolvedWidth, norm, shortcutKernel: 3, Cifar10.ClassCount)
            : new Vgg(Cifar10.Shape, 11, options.ResolvedWidth, norm, Cifar10.ClassCount);
    }

    /// <summary>The training spec: SGD at a constant rate for 1 + N epochs, with crop 4 and flip when asked.</summary>
    public static TrainingSpec Spec(EpochOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrainingSpec
        {
            Optimizer = OptimizerKind.Sgd,
            Epochs = options.Epochs + 1,
            BatchSize = options.ResolvedBatch,
            LearningRate = LearningRate,
            Momentum = Momentum,
            WeightDecay = WeightDecay,
            Augmentation = options.Augment ? new AugmentationSpec { RandomCrop = 4, HorizontalFlip = true } : null,
        };
    }

    private static void Measure(EpochOptions options, IArchitecture architecture, LabelledData data, string dataName)
    {
        var spec = Spec(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trainer.Train, {architecture.Describe()}, {data.Count} samples ({dataName}), batch {spec.BatchSize}, "
            + $"sgd lr {LearningRate} momentum {Momentum} weight decay {WeightDecay}{(options.Augment ? ", crop 4 + flip" : "")}; "
            + $"threads {get_num_threads()}, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
            + $"load {EpochBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine();
        Console.WriteLine(EpochBenchmark.TableHeader);

        var timing = EpochBenchmark.Time(options, report => Trainer.Train(architecture, spec, data, EpochBenchmark.TrainSeed, CPU, report));
        Console.WriteLine(timing.TableRow("sgd"));
        Console.WriteLine();
        Console.WriteLine($"tensors left alive by Trainer.Train after disposing its result: sgd {timing.LeftAlive}");

        var output = options.Output ?? Path.Combine(Path.GetTempPath(), "orthorebasin-epoch.csv");
        File.WriteAllLines(output, [EpochBenchmark.CsvHeader, timing.CsvRow("sgd", get_num_threads(), options.Model)]);
        Console.WriteLine();
        Console.WriteLine($"written to {output}; peer: /usr/bin/python3 bench/torch_conv_epoch.py with the same --model, --width, --norm, --batch, --samples, --cifar and --augment");
    }

    /// <summary>
    /// The first <paramref name="samples"/> training images of the CIFAR-10 folder <paramref name="cifarDirectory"/>
    /// (data_batch_1.bin onwards, as <see cref="Cifar10.Parse"/> reads them), or, without the folder or its batches,
    /// uniform random pixels and labels from a generator seeded with <see cref="EpochBenchmark.DataSeed"/>
    /// (speed does not depend on the values). Also says which.
    /// </summary>
    public static (LabelledData Data, string Name) LoadData(string? cifarDirectory, int samples)
    {
        if (cifarDirectory is not null)
        {
            var files = Cifar10.TrainFiles.Select(f => Path.Combine(cifarDirectory, f)).ToList();
            if (files.All(File.Exists))
            {
                return (ReadTraining(files, samples), "CIFAR-10 train");
            }

            Console.Error.WriteLine($"epoch: the CIFAR-10 batches ({string.Join(", ", Cifar10.TrainFiles)}) are not all in {cifarDirectory}; using uniform random images");
        }

        using var generator = new Generator(EpochBenchmark.DataSeed);
        var pixels = randint(0, 256, [samples, Cifar10.Pixels], dtype: ScalarType.Byte, generator: generator);
        var labels = randint(0, Cifar10.ClassCount, [samples], dtype: ScalarType.Int64, generator: generator);
        return (new LabelledData(pixels, labels, 255f, Cifar10.Shape), $"uniform random images, seed {EpochBenchmark.DataSeed}");
    }

    /// <summary>Reads whole records from the batches in order until <paramref name="samples"/> are read.</summary>
    private static LabelledData ReadTraining(IReadOnlyList<string> files, int samples)
    {
        var bytes = new byte[(long)samples * Cifar10.RecordSize];
        var filled = 0;
        foreach (var file in files)
        {
            if (filled == bytes.Length)
            {
                break;
            }

            using var stream = File.OpenRead(file);
            var take = (int)Math.Min(bytes.Length - filled, stream.Length - (stream.Length % Cifar10.RecordSize));
            stream.ReadExactly(bytes, filled, take);
            filled += take;
        }

        return Cifar10.Parse(bytes.AsSpan(0, filled).ToArray(), "the CIFAR-10 training batches");
    }
}
