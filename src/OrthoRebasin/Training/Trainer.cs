using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>
/// Trains an architecture from a seed. Deterministic for a given seed and thread count: initialisation and the
/// order of every epoch's batches come from one generator seeded with the training seed; augmentation
/// (<see cref="TrainingSpec.Augmentation"/>) draws from a second one of its own (<see cref="BatchAugmentation"/>), so
/// without it training is what it always was. With a validation split its loss is
/// recorded after every epoch, and with <see cref="TrainingSpec.EarlyStoppingPatience"/> the weights of its minimum
/// are kept (docs/METHODS.md §5: an over-fitted pair of endpoints hides every barrier). Training stops with a
/// <see cref="TrainingDivergedException"/> on a NaN or infinite loss, and on a loss that explodes while staying finite
/// (<see cref="ExplosionLimit"/>, <see cref="ExplosionSteps"/>), whatever the optimiser.
/// </summary>
public static class Trainer
{
    /// <summary>How many consecutive batch losses above <see cref="ExplosionLimit"/> stop training.</summary>
    public const int ExplosionSteps = 10;

    /// <summary>
    /// The batch loss above which a step counts towards an explosion: 10 × max(the first epoch's mean loss, ln(classes)),
    /// only 10 ln(classes) during the first epoch (its mean is not known yet).
    /// </summary>
    public static double ExplosionLimit(double? firstEpochMeanLoss, long classes)
    {
        // Why these numbers: ln(classes) is the loss of a uniform guess and the first epoch's mean is where this run
        // started (above ln(classes) when the initialisation is confidently wrong); a descent that learns anything stays
        // near or below both, so ten times the larger is a loss it does not reach, and ten consecutive steps there (not
        // one) is a run away from every minimum rather than one bad batch. The quickstart stays far below it (first
        // epoch about 2.2 on uci-digits against a limit of about 23); and a run the rule does not stop is exactly what it
        // was without it.
        return 10 * Math.Max(firstEpochMeanLoss ?? 0, Math.Log(classes));
    }

    /// <summary>Trains on uint8 samples: each batch is gathered from the compact store and made float there, one batch at a time.</summary>
    public static (ParameterSet Parameters, TrainingLog Log) Train(
        IArchitecture architecture, TrainingSpec spec, LabelledData samples, int seed, Device device,
        Action<int, double>? epochFinished = null, EvaluationSplit? validation = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        // Augmentation crops and flips the scaled pixels and standardisation follows, as the published loaders order them.
        return Train(architecture, spec, samples.Count, samples.ScaledFeatures, samples.Standardise, samples.Labels, samples.Shape, seed, device, epochFinished, validation);
    }

    /// <summary>Trains on float features (n×d) already in memory; augmentation needs their <paramref name="imageShape"/>.</summary>
    public static (ParameterSet Parameters, TrainingLog Log) Train(
        IArchitecture architecture, TrainingSpec spec, Tensor features, Tensor labels, int seed, Device device,
        Action<int, double>? epochFinished = null, EvaluationSplit? validation = null, ImageShape? imageShape = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Train(architecture, spec, features.shape[0], index => features.index_select(0, index), x => x, labels, imageShape, seed, device, epochFinished, validation);
    }

    /// <param name="gather">The float features of the samples at an index tensor (on <paramref name="device"/>), as a new tensor.</param>
    /// <param name="finish">What follows augmentation on a gathered batch (standardisation, in place), or the identity.</param>
    private static (ParameterSet Parameters, TrainingLog Log) Train(
        IArchitecture architecture, TrainingSpec spec, long n, Func<Tensor, Tensor> gather, Func<Tensor, Tensor> finish, Tensor labels, ImageShape? imageShape, int seed, Device device,
        Action<int, double>? epochFinished, EvaluationSplit? validation)
    {
        if (spec.Augmentation is not null && imageShape is null)
        {
            throw new ArgumentException("training.augmentation needs the samples' image shape (channels, height, width).");
        }

        if (spec.EarlyStoppingPatience > 0 && validation is null)
        {
            throw new UserErrorException("training.early_stopping_patience needs a validation split: set data.validation to the number of training samples to hold out.");
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        // Every step allocates the same activations: let the heap keep them for the next (NativeHeap.Training says why).
        using var heap = NativeHeap.Training();
        using var generator = new Generator((ulong)seed);
        using var augmentation = spec.Augmentation is { } augment ? new BatchAugmentation(augment, imageShape!, seed) : null;
        using var trainable = architecture.Initialize(generator, device);
        // Running statistics (BatchNorm's) are updated by the forward pass in training mode, never by the optimiser.
        var statistics = architecture.Statistics.ToHashSet();
        var weights = trainable.Entries.Where(e => !statistics.Contains(e.Key)).Select(e => e.Value).ToList();
        foreach (var tensor in weights)
        {
            tensor.requires_grad_(true);
        }

        using var optimizer = CreateOptimizer(spec, weights);

        var epochLoss = new List<double>();
        var epochAccuracy = new List<double>();
        var validationLoss = new List<double>();
        ParameterSet? best = null;
        var keptEpoch = spec.Epochs;
        var aboveLimit = 0;
        var stepsPerEpoch = (n + spec.BatchSize - 1) / spec.BatchSize;
        var totalSteps = stepsPerEpoch * spec.Epochs;
        for (var epoch = 1; epoch <= spec.Epochs; epoch++)
        {
            // The generator lives on the CPU; both the CPU permutation and its device copy are disposed.
            using var cpuOrder = randperm(n, generator: generator);
            using var order = cpuOrder.to(device);
            double lossSum = 0, correct = 0;
            var step = 0;
            for (long start = 0; start < n; start += spec.BatchSize, step++)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(spec.BatchSize, n - start));
                var x = finish(augmentation is null ? gather(index) : augmentation.Apply(gather(index)));
                var y = labels.index_select(0, index);
                optimizer.ZeroGrad();
                optimizer.LearningRate = LearningRateSchedule.At(spec.Schedule, spec.LearningRate, ((epoch - 1) * stepsPerEpoch) + step, totalSteps);
                var logits = architecture.ForwardTraining(trainable, x);
                var loss = nn.functional.cross_entropy(logits, y, label_smoothing: spec.LabelSmoothing);
                var lossValue = loss.item<float>();
                if (!float.IsFinite(lossValue))
                {
                    throw new TrainingDivergedException(epoch, step, lossValue);
                }

                // Consecutive across epochs: the count restarts only at a step back under the limit.
                var limit = ExplosionLimit(epochLoss.Count > 0 ? epochLoss[0] : null, logits.shape[^1]);
                aboveLimit = lossValue > limit ? aboveLimit + 1 : 0;
                if (aboveLimit >= ExplosionSteps)
                {
                    throw TrainingDivergedException.Exploded(epoch, step, lossValue, limit, ExplosionSteps);
                }

                loss.backward();
                optimizer.Step();
                lossSum += lossValue * index.shape[0];
                correct += logits.argmax(1).eq(y).sum().item<long>();
            }
            epochLoss.Add(lossSum / n);
            epochAccuracy.Add(correct / n);
            epochFinished?.Invoke(epoch, lossSum / n);

            if (validation is null)
            {
                continue;
            }

            validationLoss.Add(Evaluator.Evaluate(architecture, trainable, validation).Loss);
            if (spec.EarlyStoppingPatience == 0)
            {
                continue;
            }

            if (validationLoss[^1] <= validationLoss.Min())
            {
                best?.Dispose();
                best = trainable.Clone();
                keptEpoch = epoch;
            }
            else if (epoch - keptEpoch >= spec.EarlyStoppingPatience)
            {
                break;
            }
        }

        var result = best ?? trainable.Clone();
        if (best is null)
        {
            keptEpoch = epochLoss.Count;
        }

        return (result, new TrainingLog(epochLoss, epochAccuracy, validationLoss, keptEpoch, started.Elapsed.TotalSeconds));
    }

    /// <summary>The optimizer a <see cref="TrainingSpec"/> names, over parameters that require gradients.</summary>
    public static IOptimizer CreateOptimizer(TrainingSpec spec, IReadOnlyList<Tensor> parameters) => spec.Optimizer switch
    {
        OptimizerKind.Adam => new AdamOptimizer(parameters, spec.LearningRate, spec.WeightDecay),
        OptimizerKind.Sgd => new SgdOptimizer(parameters, spec.LearningRate, spec.Momentum, spec.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Optimizer, "Unknown optimizer."),
    };
}
