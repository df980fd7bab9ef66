using System.Text.Json;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Manifest;

/// <summary>How C# names are spelled in YAML, how places are named in messages, and spelling suggestions.</summary>
internal static class ManifestText
{
    public static string KeyOf(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    public static string ValueOf(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>"in training" or "at the top level", for messages.</summary>
    public static string Where(string path) => path.Length == 0 ? "at the top level" : $"in {path}";

    public static string Suggest(string value, IEnumerable<string> candidates, string otherwise) =>
        Validation.Suggestions.Suggest(value, candidates, otherwise);
}
