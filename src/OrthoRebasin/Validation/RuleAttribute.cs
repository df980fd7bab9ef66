namespace OrthoRebasin.Validation;

/// <summary>
/// A validation rule on a property of a manifest record or an options record: the manifest binder applies every rule
/// to the value it bound, so a new option carries its range check with it. A test requires one on every number.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class RuleAttribute : Attribute
{
    /// <summary>The violation of <paramref name="value"/>, bound at <paramref name="path"/> (e.g. <c>training.epochs</c>), or null.</summary>
    public abstract RuleViolation? Check(object value, string path);
}
