using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.IO;

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, JSON header, raw little-endian
/// tensor data), which PyTorch loads with <c>safetensors.torch.load_file</c>. Our own small codec, so that a
/// truncated or corrupted checkpoint is reported with the file and the problem, and metadata rides along.
/// </summary>
public static class Safetensors
{
    /// <summary>What to do about a checkpoint that cannot be read.</summary>
    private const string Fix = " A checkpoint this pipeline wrote is replaced by deleting it and rerunning the stage that writes it; an imported one must be saved again.";

    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<ScalarType, (string Name, int Size)> Formats = new()
    {
        [ScalarType.Float32] = ("F32", 4),
        [ScalarType.Float64] = ("F64", 8),
        // Half precisions arrive in imported checkpoints; the import converts them to float32 and the export restores them.
        [ScalarType.Float16] = ("F16", 2),
        [ScalarType.BFloat16] = ("BF16", 2),
        [ScalarType.Int64] = ("I64", 8),
        [ScalarType.Int32] = ("I32", 4),
    };

    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(t => (t.Key, Tensor: t.Value.detach().cpu().contiguous())).ToList();
        try
        {
            var header = new JsonObject();
            if (metadata is { Count: > 0 })
            {
                header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
            }

            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                if (!Formats.TryGetValue(tensor.dtype, out var format))
                {
                    throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}, which checkpoints do not store.");
                }

                var size = tensor.numel() * format.Size;
                header[name] = new JsonObject
                {
                    ["dtype"] = format.Name,
                    ["shape"] = new JsonArray(tensor.shape.Select(s => (JsonNode?)s).ToArray()),
                    ["data_offsets"] = new JsonArray(offset, offset + size),
                };
                offset += size;
            }
            var headerBytes = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
            var padded = (headerBytes.Length + 7) / 8 * 8; // the format aligns the data to 8 bytes with trailing spaces
            AtomicFile.Write(path, stream =>
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
                stream.Write(length);
                stream.Write(headerBytes);
                for (var i = headerBytes.Length; i < padded; i++)
                {
                    stream.WriteByte((byte)' ');
                }

                foreach (var (_, tensor) in entries)
                {
                    stream.Write(tensor.bytes);
                }
            });
        }
        finally
        {
            foreach (var (_, tensor) in entries)
            {
                tensor.Dispose();
            }
        }
    }

    public static ParameterSet Load(string path, Device? device = null) => new(LoadTensors(path, device).Tensors);

    public static (List<KeyValuePair<string, Tensor>> Tensors, Dictionary<string, string> Metadata) LoadTensors(string path, Device? device = null)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, "file not found. Rerun the stage that writes it, or check the path.");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new CheckpointException(path, $"truncated: {bytes.Length} bytes, not even a header length. Delete it and rerun the stage that writes it.");
        }

        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > bytes.Length)
        {
            throw new CheckpointException(path, $"not a safetensors file or truncated: header length {headerLength} for a {bytes.Length}-byte file.{Fix}");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw new JsonException("empty header");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new CheckpointException(path, $"unreadable header: {ex.Message}.{Fix}");
        }

        var dataStart = 8 + headerLength;
        var metadata = new Dictionary<string, string>();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == "__metadata__")
                {
                    foreach (var (key, value) in node!.AsObject())
                    {
                        metadata[key] = value?.GetValue<string>() ?? "";
                    }

                    continue;
                }
                var entry = node!.AsObject();
                var dtypeName = entry["dtype"]!.GetValue<string>();
                var (dtype, format) = Formats.FirstOrDefault(f => f.Value.Name == dtypeName);
                if (format.Name is null)
                {
                    throw new CheckpointException(path, $"tensor '{name}' has dtype {dtypeName}; supported: {string.Join(", ", Formats.Values.Select(f => f.Name))}.");
                }

                var shape = entry["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
                var offsets = entry["data_offsets"]!.AsArray().Select(o => o!.GetValue<long>()).ToArray();
                var expected = shape.Aggregate(1L, (a, b) => a * b) * format.Size;
                if (offsets.Length != 2 || offsets[1] - offsets[0] != expected || dataStart + offsets[1] > bytes.Length)
                {
                    throw new CheckpointException(path, $"tensor '{name}' needs bytes [{string.Join(", ", offsets)}] of the data ({expected} bytes for shape [{string.Join(", ", shape)}]) but the file holds {bytes.Length - dataStart}: truncated or corrupted. Delete it and rerun the stage that writes it.");
                }

                var tensor = empty(shape, dtype);
                bytes.AsSpan((int)(dataStart + offsets[0]), (int)expected).CopyTo(tensor.bytes);
                tensors.Add(new(name, device is null ? tensor : tensor.to(device)));
            }
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException)
        {
            foreach (var (_, t) in tensors)
            {
                t.Dispose();
            }

            throw new CheckpointException(path, $"malformed header entry: {ex.Message}.{Fix}");
        }
        return (tensors, metadata);
    }
}
