namespace OrthoRebasin.Alignment.Methods;

/// <summary>What <c>reflection</c> matches.</summary>
public enum ReflectionTarget
{
    Weights,
    Activations,
}
