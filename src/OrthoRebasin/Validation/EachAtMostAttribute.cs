namespace OrthoRebasin.Validation;

/// <summary>A list of numbers, each at most <paramref name="maximum"/> (see <see cref="AtMostAttribute"/>).</summary>
public sealed class EachAtMostAttribute(double maximum, string why) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) => EachItemRule.Check(new AtMostAttribute(maximum, why), value, path);
}
