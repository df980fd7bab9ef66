using OrthoRebasin.Manifest;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// Which experiments of a manifest a command runs: one by id, every point of a sweep by the id of the entry that declared
/// it, a whole tier, all, or the default.
/// </summary>
public static class ExperimentSelection
{
    public const string DefaultExperiment = "quickstart";

    public static IReadOnlyList<Experiment> Select(IReadOnlyList<Experiment> experiments, string? id, Tier? tier, bool all)
    {
        if (all)
        {
            return experiments;
        }

        if (tier is { } t)
        {
            return experiments.Where(e => e.Entry.Tier == t).ToList();
        }

        var wanted = id ?? DefaultExperiment;
        var found = experiments.FirstOrDefault(e => e.Id == wanted);
        if (found is not null)
        {
            return [found];
        }

        // A sweep's id names no experiment of its own: it selects every point, in manifest order.
        var points = experiments.Where(e => e.Sweep?.Parent == wanted).ToList();
        return points.Count > 0
            ? points
            : throw new UserErrorException($"No experiment '{wanted}' in the manifest; experiments: {string.Join(", ", experiments.Select(e => e.Id))}. Name one of them with -e.");
    }

    /// <summary>experiments.yaml in <paramref name="start"/> or its nearest parent that has one.</summary>
    public static string FindManifest(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "experiments.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new UserErrorException($"No experiments.yaml in {Path.GetFullPath(start)} or any parent folder. Run from the repository, or name the manifest file.");
    }
}
