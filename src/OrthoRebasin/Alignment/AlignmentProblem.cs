using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>Computes, for a parameter set, the activations of every symmetry group's units on a fixed sample (n × d).</summary>
public delegate IReadOnlyDictionary<string, Tensor> ActivationSource(ParameterSet parameters, ActivationKind kind);

/// <summary>
/// Computes, for a parameter set, the activations of every group's units on samples [<paramref name="start"/>,
/// <paramref name="start"/> + <paramref name="count"/>) of the fixed sample: the streamed form of <see cref="ActivationSource"/>.
/// </summary>
public delegate IReadOnlyDictionary<string, Tensor> ActivationSliceSource(ParameterSet parameters, ActivationKind kind, long start, long count);

/// <summary>Everything a method may use: the symmetry spec, both parameter sets, activations on fixed samples, a seed.</summary>
public sealed record AlignmentProblem(SymmetrySpec Spec, ParameterSet A, ParameterSet B, ActivationSource Activations, int Seed)
{
    /// <summary>
    /// Which choice a method with a convention (<see cref="MethodTraits.Convention"/>) makes: 0 its canonical one, k ≥ 1
    /// the k-th random one, drawn from <see cref="Seed"/> and k. Methods without a convention ignore it.
    /// </summary>
    public int ConventionDraw { get; init; }

    /// <summary>
    /// The activations of slices of the fixed sample, for methods that can accumulate statistics instead of holding every
    /// activation (a convolutional network's channels have one row per position of every image). Null: the problem offers
    /// the whole sample only.
    /// </summary>
    public ActivationSliceSource? Slices { get; init; }

    /// <summary>Samples in the fixed sample (with <see cref="Slices"/>).</summary>
    public long SampleCount { get; init; }

    /// <summary>Samples per slice (with <see cref="Slices"/>); a sample of at most this many is taken whole.</summary>
    public int SliceSize { get; init; }

    /// <summary>The activations of <paramref name="parameters"/>, owned by the returned set (dispose it).</summary>
    public ActivationSet ActivationsOf(ParameterSet parameters, ActivationKind kind) => new(Activations(parameters, kind));
}
