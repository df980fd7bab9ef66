using OrthoRebasin.Data;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Training;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Training;

/// <summary>Training stops on a loss that explodes while staying finite, whatever the optimiser, and names where.</summary>
public sealed class DivergenceTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void A_loss_that_explodes_without_becoming_nan_stops_training_naming_epoch_and_step(OptimizerKind optimizer)
    {
        // Given the embedded digits and a learning rate of 100, far beyond anything that trains
        using var splits = new UciDigits().Load(new DataLocation(null));
        var model = new Mlp(UciDigits.Pixels, [32], UciDigits.ClassCount);
        var spec = new TrainingSpec { Optimizer = optimizer, Epochs = 5, BatchSize = 64, LearningRate = 100, WeightDecay = 0 };

        // When it trains
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(model, spec, splits.Train, seed: 1, CPU));

        // Then the explosion rule stopped it, on a finite loss above the limit, after enough consecutive steps, saying where
        var limit = Trainer.ExplosionLimit(null, UciDigits.ClassCount);
        Assert.Equal(1, error.Epoch);
        Assert.True(error.Step >= Trainer.ExplosionSteps - 1, $"stopped at step {error.Step}");
        Assert.True(double.IsFinite(error.Loss) && error.Loss > limit, $"loss {error.Loss}");
        Assert.Contains($"epoch 1, step {error.Step}:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"for {Trainer.ExplosionSteps} consecutive steps", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<UserErrorException>(error);
    }

    [Theory]
    [InlineData(null, 10, 23.0258509)]
    [InlineData(1.0, 10, 23.0258509)]
    [InlineData(5.0, 10, 50.0)]
    [InlineData(null, 2, 6.9314718)]
    public void The_explosion_limit_is_ten_times_the_larger_of_the_first_epoch_mean_loss_and_ln_classes(double? firstEpoch, int classes, double limit) =>
        Assert.Equal(limit, Trainer.ExplosionLimit(firstEpoch, classes), 4);
}
