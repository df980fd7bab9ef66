using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>What one step of a <see cref="ForwardSweep"/> found for its group: the transform, its objective at T = I and at T, and extra numbers.</summary>
internal sealed record SweepStep(Tensor Transform, double Before, double After, IReadOnlyDictionary<string, double>? Extra = null);
