namespace OrthoRebasin.Validation;

/// <summary>
/// An id that becomes a folder or file name (see <see cref="Names"/>): a name, never a path. <paramref name="hint"/> says
/// what the id names and what to write instead.
/// </summary>
public sealed class NameAttribute(string hint) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) =>
        Names.Problem((string)value) is { } problem
            ? new($"{path} must be a name ({Names.Rule}), got '{Names.Escape((string)value)}': {problem}. {hint}")
            : null;
}
