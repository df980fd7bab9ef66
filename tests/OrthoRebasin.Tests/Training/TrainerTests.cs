using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Training;

public sealed class TrainerTests
{
    private static readonly Mlp Model = new(10, [32, 32], 3);

    private static (Tensor Features, Tensor Labels) Data(int seed)
    {
        var features = TestModels.Inputs(256, 10, seed);
        var labels = features.narrow(1, 0, 3).argmax(1);
        return (features, labels);
    }

    private static TrainingSpec Spec(OptimizerKind optimizer, int epochs = 3, double learningRate = 1e-2) =>
        new() { Optimizer = optimizer, Epochs = epochs, BatchSize = 32, LearningRate = learningRate, WeightDecay = 1e-4 };

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Same_seed_gives_bit_identical_weights_and_training_learns(OptimizerKind optimizer)
    {
        // Given a small learnable problem
        var (x, y) = Data(1);

        // When the same seed trains twice, and another seed once
        var (first, log) = Trainer.Train(Model, Spec(optimizer), x, y, seed: 42, CPU);
        var (second, _) = Trainer.Train(Model, Spec(optimizer), x, y, seed: 42, CPU);
        var (other, _) = Trainer.Train(Model, Spec(optimizer), x, y, seed: 43, CPU);

        // Then the two runs agree bit for bit, the other seed differs, and the loss fell
        foreach (var (name, tensor) in first.Entries)
        {
            Assert.True(TestModels.Identical(tensor, second[name]), name);
        }

        Assert.False(TestModels.Identical(first["layers.0.weight"], other["layers.0.weight"]));
        Assert.True(log.EpochLoss[^1] < log.EpochLoss[0], $"loss {log.EpochLoss[0]} → {log.EpochLoss[^1]}");
        first.Dispose();
        second.Dispose();
        other.Dispose();
    }

    [Fact]
    public void A_non_finite_loss_stops_training_naming_epoch_and_step()
    {
        // Given data with an infinite value in the third batch
        var (x, y) = Data(2);
        x[70, 0] = tensor(float.PositiveInfinity);

        // When training reaches it
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(Model, Spec(OptimizerKind.Adam), x, y, seed: 1, CPU));

        // Then the error names where it happened
        Assert.Equal(1, error.Epoch);
        Assert.Contains("epoch 1, step", error.Message);
    }

    [Fact]
    public void Live_tensors_do_not_grow_across_epochs()
    {
        // Given a count of live tensors after every epoch
        var (x, y) = Data(3);
        var live = new List<long>();

        // When training for several epochs
        var (parameters, _) = Trainer.Train(Model, Spec(OptimizerKind.Adam, epochs: 6), x, y, seed: 5, CPU,
            (_, _) => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        parameters.Dispose();

        // Then every epoch ends with as many live tensors as the second (the first creates the optimizer state)
        Assert.Equal(6, live.Count);
        Assert.All(live.Skip(2), count => Assert.Equal(live[1], count));
    }

    [Fact]
    public void Training_leaves_no_tensor_alive_once_its_result_is_disposed()
    {
        // Given the live tensors before training
        var (x, y) = Data(4);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // When a model is trained with each optimizer and its result disposed
        foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.Sgd })
        {
            var (parameters, _) = Trainer.Train(Model, Spec(optimizer, epochs: 2), x, y, seed: 6, CPU);
            parameters.Dispose();
        }

        // Then nothing is left for the finalizer: initialisation, optimizer state and copies were all disposed
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Early_stopping_keeps_the_weights_of_the_validation_minimum()
    {
        // Given a model that over-fits: few training samples with random labels, and a separate validation split
        var features = TestModels.Inputs(64, 10, 7);
        using var generator = new Generator(8);
        var labels = randint(0, 3, [64], generator: generator);
        var validation = new OrthoRebasin.Evaluation.EvaluationSplit("validation", TestModels.Inputs(200, 10, 9), randint(0, 3, [200], generator: generator));
        var spec = Spec(OptimizerKind.Adam, epochs: 40, learningRate: 1e-2) with { BatchSize = 16, EarlyStoppingPatience = 3 };

        // When it trains with early stopping
        var (parameters, log) = Trainer.Train(Model, spec, features, labels, seed: 10, CPU, validation: validation);

        // Then it stopped before the last epoch, `patience` epochs after the validation minimum, and kept that minimum's weights
        Assert.True(log.EpochLoss.Count < spec.Epochs, $"trained all {log.EpochLoss.Count} epochs");
        Assert.Equal(log.ValidationLoss.Count, log.EpochLoss.Count);
        Assert.Equal(log.ValidationLoss.Count - spec.EarlyStoppingPatience, log.KeptEpoch);
        Assert.Equal(log.ValidationLoss.Min(), log.ValidationLoss[log.KeptEpoch - 1]);
        Assert.Equal(log.ValidationLoss[log.KeptEpoch - 1], OrthoRebasin.Evaluation.Evaluator.Evaluate(Model, parameters, validation).Loss, 12);
        parameters.Dispose();
    }

    [Fact]
    public void Early_stopping_without_a_validation_split_is_an_error_saying_how_to_get_one()
    {
        // Given / When
        var (x, y) = Data(11);
        var error = Assert.Throws<UserErrorException>(() => Trainer.Train(Model, Spec(OptimizerKind.Sgd) with { EarlyStoppingPatience = 2 }, x, y, seed: 1, CPU));

        // Then
        Assert.Contains("data.validation", error.Message);
    }

    [Fact]
    public void Training_on_standardised_samples_is_training_on_their_standardised_features()
    {
        // Given 256 random 2×5 two-channel images of bytes and their standardisation
        var random = new Random(3);
        var pixels = new byte[256 * 10];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, 256).Select(i => (long)(pixels[i * 10] % 3)).ToArray();
        using var raw = LabelledData.FromBytes(pixels, labels, 255f, new ImageShape(2, 1, 5));
        using var samples = raw.WithStandardisation(InputStandardisation.Of(raw));
        using var features = samples.Features();

        // When the compact samples and their float features train the same seed
        var (fromSamples, _) = Trainer.Train(Model, Spec(OptimizerKind.Sgd), samples, seed: 8, CPU);
        var (fromFeatures, _) = Trainer.Train(Model, Spec(OptimizerKind.Sgd), features, samples.Labels, seed: 8, CPU);

        // Then every weight is bit for bit the same
        using (fromSamples)
        using (fromFeatures)
        {
            foreach (var name in fromSamples.Names)
            {
                Assert.True(TestModels.Identical(fromSamples[name], fromFeatures[name]), name);
            }
        }
    }
}
