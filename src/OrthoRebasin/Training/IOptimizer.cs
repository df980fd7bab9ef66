using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>Updates parameters in place from their gradients; owns its state tensors.</summary>
public interface IOptimizer : IDisposable
{
    /// <summary>One update of every parameter that has a gradient.</summary>
    void Step();

    /// <summary>Zeroes the gradients before the next backward pass.</summary>
    void ZeroGrad();
}

/// <summary>Shared parts of the optimizers: the parameters and gradient zeroing.</summary>
internal abstract class OptimizerBase(IReadOnlyList<Tensor> parameters) : IOptimizer
{
    protected IReadOnlyList<Tensor> Parameters { get; } = parameters;

    public abstract void Step();

    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    public abstract void Dispose();
}
