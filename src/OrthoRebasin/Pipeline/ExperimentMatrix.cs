using System.Text.Json;
using System.Text.Json.Nodes;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The experiments of a manifest as a GitHub Actions matrix (<c>{"include":[{"experiment":…,"tier":…},…]}</c>), so the
/// nightly reproduction runs one job per experiment (one per point of a sweep) and the list lives in the manifest only.
/// </summary>
public static class ExperimentMatrix
{
    public static string ToJson(IEnumerable<Experiment> experiments)
    {
        var include = new JsonArray(experiments
            .Select(e => (JsonNode?)Row(e))
            .ToArray());
        return new JsonObject { ["include"] = include }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    // A sweep's points are separate rows: they are independent experiments that cache separately, and a full point may
    // take ~45 minutes, so they run in parallel jobs. Only their rows carry `sweep` (the parent id).
    private static JsonObject Row(Experiment e)
    {
        var row = new JsonObject
        {
            ["experiment"] = e.Id,
            ["tier"] = e.Entry.Tier.ToString().ToLowerInvariant(),
            ["dataset"] = e.Recipe.Data.Dataset,
        };
        if (e.Sweep is { } sweep)
        {
            row["sweep"] = sweep.Parent;
        }

        return row;
    }
}
