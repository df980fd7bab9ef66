using System.Text.Json;
using OrthoRebasin.Cli.Commands;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Cli;

/// <summary>A manifest with a sweep, as the commands see it.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private const string Experiments = """
        experiments:
          - id: plain
            pipeline: tiny
            seed_pairs: [[1, 2]]
          - id: widths
            pipeline: tiny
            tier: full
            seed_pairs: [[1, 2]]
            sweep: { model.hidden: [[16], [32, 32]], training.epochs: [1] }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-sweep-").FullName;

    public SweepCommandTests()
    {
        File.WriteAllText(Path.Combine(_root, "experiments.yaml"), Experiments);
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        File.WriteAllText(Path.Combine(_root, "pipelines", "tiny.yaml"), OrthoRebasin.Tests.Manifest.TempManifest.Recipe);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Matrix_of_a_sweep_id_is_one_job_per_point()
    {
        // Given / When the matrix of the sweep's id is asked for on the command line
        var result = CliProcess.Cli(_root, "matrix", "--experiment", "widths");

        // Then it lists both points, each naming its sweep
        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var include = document.RootElement.GetProperty("include").EnumerateArray().ToList();
        Assert.Equal(["widths.hidden-16.epochs-1", "widths.hidden-32x2.epochs-1"], include.Select(e => e.GetProperty("experiment").GetString()));
        Assert.All(include, e => Assert.Equal("widths", e.GetProperty("sweep").GetString()));
    }

    [Fact]
    public void List_shows_each_point_with_its_sweep_and_values()
    {
        // Given the loaded manifest
        var experiments = ManifestLoader.Load(Path.Combine(_root, "experiments.yaml"));

        // Then a point reads as its parent and values, an ordinary experiment as nothing
        Assert.Equal(["", "widths: model.hidden=[16] training.epochs=1", "widths: model.hidden=[32, 32] training.epochs=1"], experiments.Select(e => ListCommand.SweepText(e.Sweep)));
    }
}
