using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Training;

/// <summary>
/// Adam as PyTorch defines it (L2 weight decay added to the gradient, bias-corrected moments, eps after the square
/// root). Written here rather than taken from TorchSharp because every scalar it needs is created once and disposed:
/// TorchSharp's own step leaves native scalars to the finalizer, and the native heap grew ~200 MB per epoch.
/// </summary>
internal sealed class AdamOptimizer : OptimizerBase
{
    private readonly Tensor[] _firstMoment;
    private readonly Tensor[] _secondMoment;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _eps;
    private readonly Scalar _weightDecay;
    private readonly bool _decays;
    private int _step;

    public AdamOptimizer(IReadOnlyList<Tensor> parameters, double learningRate, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(parameters)
    {
        LearningRate = learningRate;
        (_beta1, _beta2) = (beta1, beta2);
        _beta1Scalar = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _eps = eps.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _decays = weightDecay != 0;
        _firstMoment = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoment = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public override double LearningRate { get; set; }

    public override void Step()
    {
        _step++;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var stepSize = (-LearningRate / (1 - Math.Pow(_beta1, _step))).ToScalar();
        using var correction2 = Math.Sqrt(1 - Math.Pow(_beta2, _step)).ToScalar();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            var gradient = DecayedGradient(parameter, _weightDecay, _decays);
            if (gradient is null)
            {
                continue;
            }

            _firstMoment[i].mul_(_beta1Scalar).add_(gradient, _oneMinusBeta1);
            _secondMoment[i].mul_(_beta2Scalar).addcmul_(gradient, gradient, _oneMinusBeta2);
            var denominator = _secondMoment[i].sqrt().div_(correction2).add_(_eps);
            parameter.addcdiv_(_firstMoment[i], denominator, stepSize);
        }
    }

    public override void Dispose()
    {
        foreach (var tensor in _firstMoment.Concat(_secondMoment))
        {
            tensor.Dispose();
        }

        foreach (var scalar in new[] { _beta1Scalar, _oneMinusBeta1, _beta2Scalar, _oneMinusBeta2, _eps, _weightDecay })
        {
            scalar.Dispose();
        }
    }
}
