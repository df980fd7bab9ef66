namespace OrthoRebasin;

/// <summary>Options of an extension that takes none; a manifest that gives it any is rejected.</summary>
public sealed record NoOptions;
