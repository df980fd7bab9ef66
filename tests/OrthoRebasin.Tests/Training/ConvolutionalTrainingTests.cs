using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Training;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Training;

public sealed class ConvolutionalTrainingTests
{
    private static readonly ImageShape Shape = new(3, 8, 8);

    /// <summary>Images whose class is the channel with the largest mean: learnable by a small ResNet in a few epochs.</summary>
    private static (Tensor Features, Tensor Labels) Data(int seed)
    {
        using var generator = new Generator((ulong)seed);
        var features = randn(192, Shape.Size, generator: generator);
        var labels = features.reshape(192, 3, 64).mean([2L]).argmax(1);
        return (features, labels);
    }

    [Fact]
    public void Training_a_batchnorm_resnet_moves_its_running_statistics_through_the_forward_pass_only()
    {
        // Given a narrow ResNet-20 with BatchNorm and SGD on a one-cycle schedule with label smoothing
        var model = new ResNet(Shape, 1, Normalisation.Batchnorm, 1, 3);
        var (x, y) = Data(1);
        var spec = new TrainingSpec
        {
            Optimizer = OptimizerKind.Sgd, Epochs = 4, BatchSize = 32, LearningRate = 0.05, WeightDecay = 5e-4,
            Schedule = new ScheduleSpec { Kind = ScheduleKind.OneCycle, Warmup = 0.25 }, LabelSmoothing = 0.1,
        };

        // When
        var (trained, log) = Trainer.Train(model, spec, x, y, seed: 3, CPU);

        // Then the running statistics left their initial 0 and 1, carry no gradient, and the loss fell
        using (trained)
        {
            Assert.True(trained["bn1.running_mean"].abs().max().item<float>() > 1e-3, "the running mean never moved");
            Assert.True((trained["layer3.2.bn2.running_var"] - 1).abs().max().item<float>() > 1e-3, "the running variance never moved");
            Assert.All(model.Statistics, s => Assert.False(trained[s].requires_grad, s));
            Assert.True(log.EpochLoss[^1] < log.EpochLoss[0], $"loss {log.EpochLoss[0]} → {log.EpochLoss[^1]}");
        }
    }

    [Fact]
    public void Evaluation_mode_uses_the_running_statistics_and_training_mode_the_batch_s()
    {
        // Given a VGG with BatchNorm whose running statistics are the initial 0 and 1
        var model = new Vgg(new ImageShape(3, 32, 32), 11, 0.0625, Normalisation.Batchnorm, 10);
        using var generator = new Generator(4);
        using var parameters = model.Initialize(generator, CPU);
        using var x = randn(6, 3 * 32 * 32, generator: generator) * 3 + 2;

        // When the same batch runs in both modes
        using var evaluation = model.Forward(parameters, x);
        using var evaluationAgain = Evaluator.Logits(model, parameters, x);
        using var training = model.ForwardTraining(parameters, x);

        // Then evaluation is deterministic and differs from training mode, which moved the statistics
        Assert.True(TestModels.Identical(evaluation, evaluationAgain));
        Assert.True(TestModels.MaxAbsDifference(evaluation, training) > 1e-3);
        Assert.True(parameters["features.1.running_mean"].abs().max().item<float>() > 1e-3);
    }
}
