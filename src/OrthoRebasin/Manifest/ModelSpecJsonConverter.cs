using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrthoRebasin.Models;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Writes a <see cref="ModelSpec"/> as the recipe writes it: <c>architecture</c> first, then the options' keys in the same
/// object. Hashes and cache keys are computed from this JSON, so it is the form they had before options were typed.
/// </summary>
public sealed class ModelSpecJsonConverter : JsonConverter<ModelSpec>
{
    private const string ArchitectureKey = "Architecture";

    public override ModelSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("A model must be a JSON object.");
        var key = Name(ArchitectureKey, options);
        var architecture = json[key]?.GetValue<string>() ?? throw new JsonException($"A model needs '{key}'.");
        json.Remove(key);
        var entry = Architectures.Registry.Get(architecture);
        return new ModelSpec { Architecture = architecture, Options = json.Deserialize(entry.OptionsType, options)! };
    }

    public override void Write(Utf8JsonWriter writer, ModelSpec value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(Name(ArchitectureKey, options), value.Architecture);
        if (JsonSerializer.SerializeToNode(value.Options, value.Options.GetType(), options) is JsonObject keys)
        {
            foreach (var (name, node) in keys)
            {
                writer.WritePropertyName(name);
                if (node is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    node.WriteTo(writer, options);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
