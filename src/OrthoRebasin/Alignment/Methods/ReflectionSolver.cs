namespace OrthoRebasin.Alignment.Methods;

/// <summary>How <c>reflection</c> finds its Householder vector.</summary>
public enum ReflectionSolver
{
    Eig,
    Adam,
}
