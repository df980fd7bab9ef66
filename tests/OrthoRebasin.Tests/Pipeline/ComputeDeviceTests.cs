using System.Text.Json;
using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class ComputeDeviceTests
{
    [Theory]
    [InlineData(ComputeDevice.Cpu, "cpu")]
    [InlineData(ComputeDevice.Cuda, "cuda")]
    public void The_device_is_recorded_with_the_spelling_of_its_string_form(ComputeDevice device, string spelling)
    {
        // Given the training cache key's inputs with the typed device and with the string it replaced
        var typed = new { Version = "2", seed = 1, Device = device, Threads = 2 };
        var text = new { Version = "2", seed = 1, Device = spelling, Threads = 2 };

        // When they are hashed and the device recorded
        var record = new TrainingRecord(1, [0.5], [0.9], [], 0, 0.4, 0.9, 1.0, 2, device);

        // Then the key, training.json and provenance spell it as before
        Assert.Equal(Json.Hash(text), Json.Hash(typed));
        Assert.Contains($"\"device\": \"{spelling}\"", Json.Serialize(record), StringComparison.Ordinal);
        Assert.Equal(device, JsonSerializer.Deserialize<TrainingRecord>(Json.Serialize(record), Json.Options)!.Device);
        Assert.Equal(spelling, Devices.Name(device));
    }
}
