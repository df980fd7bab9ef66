using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// What <see cref="CayleyDescent.Minimise"/> found: the final matrices (owned by the caller), F at the start and after
/// every accepted step, and how many steps were accepted and rejected by the step-size safeguard.
/// </summary>
internal sealed record CayleyRun(IReadOnlyDictionary<string, Tensor> Transforms, IReadOnlyList<double> Objectives, int Accepted, int Rejected, double FinalStep);
