namespace OrthoRebasin.Validation;

/// <summary>A list of numbers, each at least <paramref name="minimum"/>.</summary>
public sealed class EachAtLeastAttribute(double minimum) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) => EachItemRule.Check(new AtLeastAttribute(minimum), value, path);
}
