namespace OrthoRebasin.Models;

/// <summary>Which activations activation-based methods match (docs/METHODS.md §2).</summary>
public enum ActivationKind
{
    /// <summary>After the nonlinearity, <c>relu(z)</c>.</summary>
    Post,

    /// <summary>Before the nonlinearity, <c>z</c>.</summary>
    Pre,
}
