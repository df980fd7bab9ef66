namespace OrthoRebasin.Manifest;

/// <summary>
/// Marks the options of a record whose keys are written beside its id in the same mapping (a model's <c>hidden</c> next to
/// its <c>architecture</c>) instead of under an <c>options:</c> key.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InlineOptionsAttribute : Attribute;
