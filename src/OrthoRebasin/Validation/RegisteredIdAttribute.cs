namespace OrthoRebasin.Validation;

/// <summary>
/// An id of the registry held by <paramref name="holder"/>'s static <c>Registry</c> property (methods, paths, models,
/// data sets), so a manifest names only what is registered, with the valid ids and a spelling suggestion when not.
/// </summary>
public sealed class RegisteredIdAttribute(Type holder) : RuleAttribute
{
    public override RuleViolation? Check(object value, string path)
    {
        var registry = (IRegistry)(holder.GetProperty("Registry")?.GetValue(null)
            ?? throw new ArgumentException($"{holder.Name} has no static Registry property.", nameof(value)));
        var id = (string)value;
        return registry.Ids.Contains(id, StringComparer.Ordinal)
            ? null
            : new($"unknown {registry.Kind} '{id}'; valid ids: {string.Join(", ", registry.Ids)}. " + Suggestions.Suggest(id, registry.Ids, "Use one of them"));
    }
}
