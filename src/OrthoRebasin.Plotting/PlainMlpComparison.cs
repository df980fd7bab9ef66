using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

/// <summary>The plain-MLP experiment a residual-MLP report is compared with, and its results when the artifacts hold them.</summary>
public sealed record PlainMlpComparison(string ExperimentId, ExperimentResults? Results);
