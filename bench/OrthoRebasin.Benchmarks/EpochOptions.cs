using System.Globalization;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Command-line options of the epoch benchmark. <see cref="Model"/> is mlp (the default), resnet20 or vgg11; the
/// options a model does not use are refused rather than ignored. Null options take their model's default (see the
/// resolved properties).
/// </summary>
public sealed record EpochOptions(
    int Threads, int Epochs, string? Optimizer, string? MnistDirectory, bool Profile, bool Collect, string? Output,
    string Model, double? Width, string? Norm, int? Batch, int? Samples, string? CifarDirectory, bool Augment)
{
    /// <summary>The models <c>--model</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Models = ["mlp", "resnet20", "vgg11"];

    /// <summary>Whether the model is one of the convolutional ones (trained on CIFAR-10-shaped images).</summary>
    public bool IsConvolutional => Model is not "mlp";

    /// <summary>sgd|adam|both for the MLP (default both); the convolutional models train with SGD only.</summary>
    public string ResolvedOptimizer => Optimizer ?? (IsConvolutional ? "sgd" : "both");

    /// <summary>Batch size: 256 for the MLP, 128 for the convolutional models.</summary>
    public int ResolvedBatch => Batch ?? (IsConvolutional ? 128 : EpochBenchmark.BatchSize);

    /// <summary>Width multiplier: 1 for resnet20, 0.25 for vgg11 (the quick width); the MLP has none.</summary>
    public double ResolvedWidth => Width ?? (Model == "vgg11" ? 0.25 : 1);

    /// <summary>Normalisation: batchnorm for resnet20, none for vgg11.</summary>
    public string ResolvedNorm => Norm ?? (Model == "resnet20" ? "batchnorm" : "none");

    /// <summary>Training images of the convolutional models: 50,000 (all of CIFAR-10's training set).</summary>
    public int ResolvedSamples => Samples ?? ConvEpochBenchmark.CifarTrainingImages;

    /// <summary>The options, or null when an argument is not understood or does not apply to the model.</summary>
    public static EpochOptions? Parse(string[] args)
    {
        var options = new EpochOptions(
            Threads: 2, Epochs: 3, Optimizer: null, MnistDirectory: null, Profile: false, Collect: false, Output: null,
            Model: "mlp", Width: null, Norm: null, Batch: null, Samples: null, CifarDirectory: null, Augment: false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--threads" when int.TryParse(value, CultureInfo.InvariantCulture, out var threads) && threads > 0:
                    options = options with { Threads = threads };
                    i++;
                    break;
                case "--epochs" when int.TryParse(value, CultureInfo.InvariantCulture, out var epochs) && epochs > 0:
                    options = options with { Epochs = epochs };
                    i++;
                    break;
                case "--optimizer" when value is "sgd" or "adam" or "both":
                    options = options with { Optimizer = value };
                    i++;
                    break;
                case "--mnist" when value is not null:
                    options = options with { MnistDirectory = value };
                    i++;
                    break;
                case "--out" when value is not null:
                    options = options with { Output = value };
                    i++;
                    break;
                case "--collect":
                    options = options with { Collect = true };
                    break;
                case "--profile":
                    options = options with { Profile = true };
                    break;
                case "--model" when value is not null && Models.Contains(value):
                    options = options with { Model = value };
                    i++;
                    break;
                case "--width" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var width) && width > 0:
                    options = options with { Width = width };
                    i++;
                    break;
                case "--norm" when value is "batchnorm" or "layernorm" or "none":
                    options = options with { Norm = value };
                    i++;
                    break;
                case "--batch" when int.TryParse(value, CultureInfo.InvariantCulture, out var batch) && batch > 0:
                    options = options with { Batch = batch };
                    i++;
                    break;
                case "--samples" when int.TryParse(value, CultureInfo.InvariantCulture, out var samples) && samples > 0:
                    options = options with { Samples = samples };
                    i++;
                    break;
                case "--cifar" when value is not null:
                    options = options with { CifarDirectory = value };
                    i++;
                    break;
                case "--augment":
                    options = options with { Augment = true };
                    break;
                default:
                    return null;
            }
        }

        return options.Fits() ? options : null;
    }

    /// <summary>Whether every option given applies to the model: MNIST and the profile are the MLP's, images the convolutional models'.</summary>
    private bool Fits()
    {
        if (!IsConvolutional)
        {
            return Width is null && Norm is null && Samples is null && CifarDirectory is null && !Augment;
        }

        var integerWidth = Model != "resnet20" || ResolvedWidth == Math.Floor(ResolvedWidth);
        return MnistDirectory is null && !Profile && ResolvedOptimizer == "sgd" && integerWidth
            && ResolvedSamples <= ConvEpochBenchmark.CifarTrainingImages;
    }
}
