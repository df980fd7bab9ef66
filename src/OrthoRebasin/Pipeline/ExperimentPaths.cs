using OrthoRebasin.Results;

namespace OrthoRebasin.Pipeline;

/// <summary>Where an experiment's assembled outputs live: artifacts/&lt;experiment&gt;/…</summary>
public sealed record ExperimentPaths(string Directory)
{
    public static ExperimentPaths For(string artifactsRoot, string experimentId) => new(Path.Combine(Path.GetFullPath(artifactsRoot), experimentId));

    public string Results => Path.Combine(Directory, "results.json");

    public string ResultsCsv => Path.Combine(Directory, "results.csv");

    public string Provenance => Path.Combine(Directory, "provenance.json");

    public string Figures => Path.Combine(Directory, "figures");

    public string Report => Path.Combine(Directory, "report.md");
}
