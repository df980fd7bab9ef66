using OrthoRebasin.Interpolation;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class CorrectedPathTests : IDisposable
{
    // A tiny recipe that lists the linear path twice, once repaired, and a reshifted slerp calibrated on 100 samples.
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [16] }
        training: { epochs: 1 }
        methods: [{ id: weight-matching }]
        paths:
          - id: linear
          - id: linear
            options: { correction: repair }
          - id: slerp
            options: { correction: reshift, calibration: 100 }
        lambdas: 5
        evaluation: { train_subset: 300 }
        """;

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-corrected-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void A_recipe_may_list_a_path_with_and_without_a_correction_and_the_results_hold_both_labels()
    {
        // Given the recipe
        var experiment = ManifestLoader.Parse("experiments: [{ id: corrected, pipeline: corrected, seed_pairs: [[1, 2]] }]", new Dictionary<string, string> { ["corrected"] = Recipe })[0];
        Assert.Equal(["linear", "linear-repair", "slerp-reshift"], experiment.Recipe.Paths.Select(p => p.Label));

        // When it runs, and its figures and report are drawn
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var results = pipeline.Run();
        var figures = Figures.DrawAll(results, Directory.CreateDirectory(pipeline.Paths.Figures).FullName);
        var report = ReportWriter.Render(results, figures, pipeline.Paths.Directory);

        // Then every label has its curves, summaries, CSV rows, figures and report rows
        string[] labels = ["linear", "linear-repair", "slerp-reshift"];
        Assert.Equal(labels, results.Curves.Select(c => c.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(labels, results.Summary.Select(s => s.Path).Distinct().Order(StringComparer.Ordinal));
        var csv = File.ReadAllText(pipeline.Paths.ResultsCsv);
        Assert.All(labels, label => Assert.Contains($",{label},", csv, StringComparison.Ordinal));
        Assert.Contains(figures, f => Path.GetFileName(f) == "loss-linear-repair-test.png");
        Assert.Contains("| linear-repair |", report, StringComparison.Ordinal);

        // and the repaired curve starts and ends where the plain one does, and differs between
        var plain = results.Curves.Single(c => c.Path == "linear" && c.Split == "test");
        var repaired = results.Curves.Single(c => c.Path == "linear-repair" && c.Split == "test");
        Assert.Equal(plain.Loss[0], repaired.Loss[0]);
        Assert.Equal(plain.Loss[^1], repaired.Loss[^1]);
        Assert.NotEqual(plain.Loss[2], repaired.Loss[2]);
    }

    [Fact]
    public void A_path_without_a_correction_serializes_as_it_did_before_paths_took_one()
    {
        // Given the options a path without a correction binds to
        var linear = new LinearOptions();
        var slerp = new SlerpOptions { Norm = SlerpNorm.None };

        // When serialized as cache keys serialize them
        var linearJson = Json.Serialize<object>(linear);
        var slerpJson = Json.Serialize<object>(slerp);

        // Then linear reads as no options and slerp as its two keys, and both are labelled by their id
        Assert.Equal(Json.Serialize<object>(new NoOptions()), linearJson);
        Assert.Equal("{\n  \"norm\": \"none\",\n  \"per\": \"tensor\"\n}", slerpJson.ReplaceLineEndings("\n"));
        Assert.Equal("linear", new PathSpec { Id = "linear", Options = linear }.Label);
        Assert.Equal("slerp-rescale", new PathSpec { Id = "slerp", Options = slerp with { Correction = Correction.Rescale } }.Label);
        Assert.DoesNotContain("label", Json.Serialize(new PathSpec { Id = "linear", Options = linear }), StringComparison.Ordinal);
    }
}
