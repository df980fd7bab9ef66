using OrthoRebasin.Validation;

namespace OrthoRebasin.Manifest;

/// <summary>The name of a recipe in pipelines/: a separator, a leading dot or an extension would reach outside that folder.</summary>
public sealed class RecipeNameAttribute : RuleAttribute
{
    public override RuleViolation? Check(object value, string path) =>
        value is string name && (name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || name.EndsWith(".yaml", StringComparison.Ordinal))
            ? new($"{path} must name a recipe in pipelines/, got '{name}'. Write the file name without folder or extension, e.g. 'digits-mlp'")
            : null;
}
