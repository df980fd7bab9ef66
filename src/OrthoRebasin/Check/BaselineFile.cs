using System.Text;
using System.Text.Json;
using OrthoRebasin.Results;

namespace OrthoRebasin.Check;

/// <summary>The JSON of a baseline (and of a received file): experiment, who wrote it, a provenance subset, sorted metrics.</summary>
internal static class BaselineFile
{
    public const string WrittenByAccept = "orthorebasin check --accept";
    public const string WrittenByCheck = "orthorebasin check (received, not accepted)";

    public static string Serialize(ExperimentResults results, IReadOnlyDictionary<string, double> metrics, string writtenBy)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("experiment", results.ExperimentId);
            json.WriteString("written_by", writtenBy);
            WriteProvenance(json, results);
            json.WriteStartObject("metrics");
            foreach (var (path, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (double.IsFinite(value))
                {
                    json.WriteNumber(path, value);
                }
                else
                {
                    json.WriteString(path, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static IReadOnlyDictionary<string, double> ReadMetrics(string path)
    {
        using var document = Parse(path);
        if (!document.RootElement.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            throw new UserErrorException($"{path}: a baseline needs a \"metrics\" object. Restore it from version control or accept a run again.");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in metrics.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                throw new UserErrorException($"{path}: metrics/{property.Name} is not a number. Restore it from version control or accept a run again.");
            }

            values[property.Name] = property.Value.GetDouble();
        }
        return values;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new UserErrorException($"{path}: not valid JSON ({ex.Message}). Restore it from version control or accept a run again.", ex);
        }
    }

    private static void WriteProvenance(Utf8JsonWriter json, ExperimentResults results)
    {
        // Enough to tell which run a baseline came from; wall time and machine would only add noise to diffs.
        var p = results.Provenance;
        json.WriteStartObject("provenance");
        json.WriteString("device", p.Device);
        json.WriteString("git_commit", p.GitCommit);
        json.WriteString("manifest_hash", p.ManifestHash);
        json.WriteStartObject("packages");
        foreach (var (name, version) in p.Packages.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, version);
        }

        json.WriteEndObject();
        json.WriteStartArray("seeds");
        foreach (var seed in p.Seeds)
        {
            json.WriteNumberValue(seed);
        }

        json.WriteEndArray();
        json.WriteString("started_at", p.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("threads", p.Threads);
        json.WriteEndObject();
    }
}
