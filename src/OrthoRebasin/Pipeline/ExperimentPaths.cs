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

    /// <summary>What the figures were drawn from, and their digests: a run redraws them only when it no longer matches.</summary>
    public string FiguresKey => Path.Combine(Directory, "figures.key");

    /// <summary>What report.md was written from, and its digest: a run rewrites it only when it no longer matches.</summary>
    public string ReportKey => Path.Combine(Directory, "report.key");
}
