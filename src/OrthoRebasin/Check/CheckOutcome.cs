namespace OrthoRebasin.Check;

/// <summary>
/// The result of comparing an experiment's numbers with its baseline. <see cref="Message"/> explains a failure that is
/// not a list of numbers (no baseline yet); <see cref="ReceivedPath"/> is set when the actual numbers were written for review.
/// </summary>
public sealed record CheckOutcome(
    bool Passed,
    IReadOnlyList<CheckDifference> Differences,
    string BaselinePath,
    int Compared,
    string? ReceivedPath = null,
    string? Message = null);
