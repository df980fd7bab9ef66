using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>Updates parameters in place from their gradients; owns its state tensors.</summary>
public interface IOptimizer : IDisposable
{
    /// <summary>One update of every parameter that has a gradient.</summary>
    void Step();

    /// <summary>Zeroes the gradients before the next backward pass.</summary>
    void ZeroGrad();

    /// <summary>The learning rate of the next <see cref="Step"/> (a schedule sets it before each).</summary>
    double LearningRate { get; set; }
}

/// <summary>Shared parts of the optimizers: the parameters and gradient zeroing.</summary>
internal abstract class OptimizerBase(IReadOnlyList<Tensor> parameters) : IOptimizer
{
    protected IReadOnlyList<Tensor> Parameters { get; } = parameters;

    public abstract void Step();

    public abstract double LearningRate { get; set; }

    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    public abstract void Dispose();

    /// <summary>The parameter's gradient with PyTorch's L2 weight decay added (null when it has none), owned by the caller's dispose scope.</summary>
    protected static Tensor? DecayedGradient(Tensor parameter, TorchSharp.Scalar weightDecay, bool decays)
    {
        var gradient = parameter.grad;
        return gradient is not null && decays ? gradient.add(parameter, weightDecay) : gradient;
    }
}
