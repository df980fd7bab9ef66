namespace OrthoRebasin.Data;

/// <summary>Where downloaded data sets live; <c>null</c> when none is configured. Embedded sets ignore it.</summary>
public sealed record DataLocation(string? DataDir);
