using OrthoRebasin.Parameters;

namespace OrthoRebasin.Interpolation;

/// <summary><c>linear</c>: θ(λ) = (1 − λ) θ_A + λ θ_B'.</summary>
public sealed class LinearPath : IInterpolationPath
{
    public string Id => "linear";

    public ParameterSet At(ParameterSet a, ParameterSet b, double lambda) =>
        a.Zip(b, (x, y) => x.lerp(y, lambda));
}
