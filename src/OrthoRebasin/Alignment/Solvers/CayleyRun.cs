using static TorchSharp.torch;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// What <see cref="CayleyDescent.Minimise"/> found: the final matrices (owned by the caller), F at the start and after
/// every accepted step, how many steps were accepted and rejected by the step-size safeguard, τ at the end, and whether it
/// stopped on <c>tol</c> (converged) rather than on <c>steps</c>.
/// </summary>
internal sealed record CayleyRun(IReadOnlyDictionary<string, Tensor> Transforms, IReadOnlyList<double> Objectives, int Accepted, int Rejected, double FinalStep, bool Converged);
