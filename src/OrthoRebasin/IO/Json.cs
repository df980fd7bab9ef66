using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrthoRebasin.IO;

/// <summary>The one JSON dialect of the project's files: snake_case keys, indented, enums as strings, invariant numbers.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value) + "\n");

    /// <exception cref="UserErrorException">The file is missing, holds null or is not a <typeparamref name="T"/>; the message names it and the fix.</exception>
    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new UserErrorException($"{path}: the file holds null, expected {typeof(T).Name}. Delete it and rerun the stage that writes it.");
        }
        catch (JsonException ex)
        {
            throw new UserErrorException($"{path}: not a valid {typeof(T).Name} ({ex.Message}). Delete it and rerun the stage that writes it.", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"{path}: no such file. Rerun the stage that writes it.", ex);
        }
    }

    /// <summary>
    /// The record in <paramref name="path"/>, or null when the file is missing or is not a valid <typeparamref name="T"/>:
    /// for the key files of cached outputs, which are rebuilt rather than trusted when they cannot be read.
    /// </summary>
    public static T? ReadOrNull<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return Read<T>(path);
        }
        catch (UserErrorException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 (hex) of the canonical JSON of <paramref name="value"/> with its runtime type, for cache keys.</summary>
    public static string Hash(object value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }
}
