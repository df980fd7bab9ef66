namespace OrthoRebasin.Validation;

/// <summary>
/// A key the manifest must write. Options records cannot use C#'s <c>required</c> (they are created with their defaults
/// when a manifest gives none), so they mark their required keys with this.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
