using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>How an alignment of B onto A is posed for a method: the one construction the pipeline and an import share.</summary>
public static class AlignmentProblems
{
    /// <summary>
    /// The problem of aligning <paramref name="b"/> onto <paramref name="a"/> under <paramref name="architecture"/>'s
    /// symmetry, with the group activations on <paramref name="samples"/> (whole, or in slices of
    /// <see cref="IArchitecture.ActivationSliceSize"/>) for a method whose traits ask for them. Without samples the
    /// problem offers none, and a method that asks for them is a programming error: check
    /// <see cref="MethodTraits.NeedsActivations"/> first.
    /// </summary>
    public static AlignmentProblem For(IArchitecture architecture, MethodEntry method, ParameterSet a, ParameterSet b, Tensor? samples, int seed, int conventionDraw = 0)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(method);
        ActivationSource activations = method.Traits.NeedsActivations && samples is not null
            ? (p, kind) => architecture.GroupActivations(p, samples, kind)
            : (_, _) => throw new InvalidOperationException(samples is null
                ? $"Method '{method.Id}' asked for activations but the problem was posed without samples."
                : $"Method '{method.Id}' asked for activations but its traits say it needs none: register it with NeedsActivations.");
        return new AlignmentProblem(architecture.Symmetry, a, b, activations, seed)
        {
            ConventionDraw = conventionDraw,
            Slices = samples is null ? null : (p, kind, start, count) => architecture.GroupActivations(p, samples.narrow(0, start, count), kind),
            SampleCount = samples?.shape[0] ?? 0,
            SliceSize = architecture.ActivationSliceSize,
        };
    }
}
