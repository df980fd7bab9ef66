using OrthoRebasin.IO;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.IO;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Round_trip_is_bit_exact_and_keeps_metadata()
    {
        // Given parameters of several dtypes and shapes
        var mlp = new Mlp(7, [5, 3], 2);
        using var parameters = TestModels.Random(mlp, 1);
        var path = Path.Combine(_root, "model.safetensors");

        // When saved and loaded
        Safetensors.Save(path, parameters.Entries.Append(new("steps", tensor(new long[] { 3, 4 }))), new Dictionary<string, string> { ["seed"] = "1" });
        var (loaded, metadata) = Safetensors.LoadTensors(path);

        // Then every tensor is identical and the metadata survives
        Assert.Equal(parameters.Names.Append("steps"), loaded.Select(t => t.Key));
        foreach (var (name, t) in parameters.Entries)
        {
            Assert.True(TestModels.Identical(t, loaded.Single(l => l.Key == name).Value), name);
        }

        Assert.Equal(new long[] { 3, 4 }, loaded.Single(l => l.Key == "steps").Value.data<long>().ToArray());
        Assert.Equal("1", metadata["seed"]);
    }

    [Fact]
    public void A_truncated_checkpoint_is_reported_with_its_path()
    {
        // Given a checkpoint cut short
        var mlp = new Mlp(7, [5], 2);
        using var parameters = TestModels.Random(mlp, 1);
        var path = Path.Combine(_root, "model.safetensors");
        Safetensors.Save(path, parameters.Entries);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        // When loaded
        var error = Assert.Throws<CheckpointException>(() => Safetensors.Load(path));

        // Then the error names the file and says it is truncated
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_reported()
    {
        // Given a text file
        var path = Path.Combine(_root, "notes.safetensors");
        File.WriteAllText(path, "this is not a checkpoint at all");

        // When / Then
        var error = Assert.Throws<CheckpointException>(() => Safetensors.Load(path));
        Assert.Contains(path, error.Message);
    }
}
