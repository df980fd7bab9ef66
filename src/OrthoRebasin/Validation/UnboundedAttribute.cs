namespace OrthoRebasin.Validation;

/// <summary>Says on purpose that a number takes any value (a random seed): the rule test then accepts it without a range.</summary>
public sealed class UnboundedAttribute : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) => null;
}
