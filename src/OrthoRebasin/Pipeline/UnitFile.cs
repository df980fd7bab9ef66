namespace OrthoRebasin.Pipeline;

/// <summary>One file of a committed unit: its path inside the unit, size, last write time (UTC ticks) and SHA-256.</summary>
public sealed record UnitFile(string Name, long Size, long WriteTicks, string Sha256);
