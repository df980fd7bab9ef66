using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>SGD with momentum as PyTorch defines it (no dampening, L2 weight decay added to the gradient, buffer = first gradient).</summary>
internal sealed class SgdOptimizer : OptimizerBase
{
    private readonly Tensor?[] _momentumBuffer;
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly bool _decays;
    private readonly bool _usesMomentum;

    public SgdOptimizer(IReadOnlyList<Tensor> parameters, double learningRate, double momentum, double weightDecay)
        : base(parameters)
    {
        LearningRate = learningRate;
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _decays = weightDecay != 0;
        _usesMomentum = momentum != 0;
        _momentumBuffer = new Tensor?[parameters.Count];
    }

    public override double LearningRate { get; set; }

    public override void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var negativeLearningRate = (-LearningRate).ToScalar();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            var gradient = DecayedGradient(parameter, _weightDecay, _decays);
            if (gradient is null)
            {
                continue;
            }

            if (_usesMomentum)
            {
                if (_momentumBuffer[i] is { } buffer)
                {
                    buffer.mul_(_momentum).add_(gradient);
                }
                else
                {
                    _momentumBuffer[i] = gradient.detach().clone().DetachFromDisposeScope();
                }

                gradient = _momentumBuffer[i]!;
            }
            parameter.add_(gradient, negativeLearningRate);
        }
    }

    public override void Dispose()
    {
        foreach (var buffer in _momentumBuffer)
        {
            buffer?.Dispose();
        }

        _momentum.Dispose();
        _weightDecay.Dispose();
    }
}
