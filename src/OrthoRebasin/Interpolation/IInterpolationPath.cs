using OrthoRebasin.Parameters;

namespace OrthoRebasin.Interpolation;

/// <summary>A path θ(λ) from θ_A (λ = 0) to θ_B' (λ = 1) in parameter space (docs/METHODS.md §4).</summary>
public interface IInterpolationPath
{
    /// <summary>The manifest id.</summary>
    string Id { get; }

    /// <summary>θ(λ) as a new parameter set.</summary>
    ParameterSet At(ParameterSet a, ParameterSet b, double lambda);
}
