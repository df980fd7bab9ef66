namespace OrthoRebasin.Alignment;

/// <summary>
/// A method's numerics broke down on one group (e.g. <c>polar</c>'s (MᵀM)^{-1/2} on a singular MᵀM) and would otherwise
/// return a non-finite or non-orthogonal transform. The message names the group and the fix.
/// </summary>
public sealed class AlignmentBreakdownException(string method, string group, double smallestEigenvalue, string message)
    : UserErrorException(message)
{
    public string Method { get; } = method;

    public string Group { get; } = group;

    /// <summary>The smallest eigenvalue of the matrix whose inverse square root was taken.</summary>
    public double SmallestEigenvalue { get; } = smallestEigenvalue;
}
