using System.Text.Json;
using System.Text.Json.Nodes;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The experiments of a manifest as a GitHub Actions matrix (<c>{"include":[{"experiment":…,"tier":…},…]}</c>), so the
/// nightly reproduction runs one job per experiment and the list lives in the manifest only.
/// </summary>
public static class ExperimentMatrix
{
    public static string ToJson(IEnumerable<Experiment> experiments)
    {
        var include = new JsonArray(experiments
            .Select(e => (JsonNode?)new JsonObject
            {
                ["experiment"] = e.Id,
                ["tier"] = e.Entry.Tier.ToString().ToLowerInvariant(),
                ["dataset"] = e.Recipe.Data.Dataset,
            })
            .ToArray());
        return new JsonObject { ["include"] = include }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
