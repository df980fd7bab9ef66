using System.Text.Json.Serialization;

namespace OrthoRebasin.Pipeline;

// The names are pinned so that the recorded spelling, and with it every cache key, never depends on the serializer's options.
/// <summary>Where tensors are computed. Recorded in provenance, training.json and the training cache key as <c>cpu</c> or <c>cuda</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeDevice>))]
public enum ComputeDevice
{
    /// <summary>The CPU: the default, and the only libtorch package restored here.</summary>
    [JsonStringEnumMemberName("cpu")]
    Cpu,

    /// <summary>An NVIDIA GPU through TorchSharp's CUDA package (see the README's device notes).</summary>
    [JsonStringEnumMemberName("cuda")]
    Cuda,
}
