using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>
/// Cache keys are hashes of the resolved recipe's JSON: a refactoring that changes how a recipe serializes (the order of
/// an options record's properties, a renamed key) would silently orphan every cached model and result. The recorded
/// hashes come from the code before models had typed options (tests/baselines/recipe-keys.json says how).
/// </summary>
public sealed class RecipeKeyTests
{
    [Fact]
    public void Every_recorded_recipe_still_serializes_as_its_cache_keys_were_computed()
    {
        // Given the recorded hashes and the repository's manifest
        var root = RepositoryRoot.Find();
        using var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "baselines", "recipe-keys.json")));
        var experiments = ManifestLoader.Load(Path.Combine(root, "experiments.yaml")).ToDictionary(e => e.Id);

        // When
        var moved = recorded.RootElement.GetProperty("recipes").EnumerateObject()
            .Where(r => !experiments.ContainsKey(r.Name) || Hash(experiments[r.Name]) != r.Value.GetString())
            .Select(r => experiments.TryGetValue(r.Name, out var e) ? $"{r.Name} (now {Hash(e)})" : $"{r.Name} (not in the manifest)")
            .ToList();

        // Then
        Assert.True(moved.Count == 0, "recipes whose cache keys would move: " + string.Join(", ", moved));
        Assert.Contains("quickstart", experiments.Keys);
    }

    private static string Hash(Experiment e)
    {
        var r = e.Recipe;
        var json = Json.Serialize(new { r.Data, r.Model, r.Training, r.Methods, r.Paths, r.Lambdas, r.Evaluation }).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
