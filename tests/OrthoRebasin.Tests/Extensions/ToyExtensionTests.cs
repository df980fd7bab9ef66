using OrthoRebasin.Check;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Pipeline;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Manifest;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Extensions;

/// <summary>
/// An extension registered from outside the library is a first-class citizen: the manifest validates it, the pipeline
/// runs it, results.csv, the report and the figures carry it, and the regression check and its tolerances cover it.
/// </summary>
public sealed class ToyExtensionTests : IDisposable
{
    private const string Recipe = """
        data: { dataset: uci-digits }
        model: { architecture: mlp, hidden: [16] }
        training: { epochs: 2 }
        methods:
          - id: identity
          - id: toy-reverse
            options: { times: 1 }
        paths:
          - id: linear
          - id: toy-power
            options: { power: 2 }
        lambdas: 5
        evaluation: { train_subset: 200 }
        """;

    private const string Experiments = """
        experiments:
          - id: toy
            pipeline: tiny
            seed_pairs: [[1, 2], [3, 4]]
        """;

    private readonly string _artifacts = Directory.CreateTempSubdirectory("orthorebasin-toy-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void A_registered_method_and_path_are_validated_by_the_manifest_with_their_options_rules()
    {
        // Given the toy extensions, and a recipe naming the toy method with an option out of its declared range
        using var toy = ToyExtensions.Register();
        using var manifest = new TempManifest(Experiments, TempManifest.Edit(Recipe, "{ times: 1 }", "{ times: 0 }"));

        // When
        var error = manifest.LoadFails();

        // Then the rule on the toy options record is applied where the value was written
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 7, 23, "methods[1].options.times must be at least 1, got 0");
        using var valid = new TempManifest(Experiments, Recipe);
        var recipe = valid.Load()[0].Recipe;
        Assert.IsType<ToyReverseOptions>(recipe.Methods[1].Options);
        Assert.Equal(2, Assert.IsType<ToyPowerOptions>(recipe.Paths[1].Options).Power);
    }

    [Fact]
    public void A_registered_method_path_and_metric_are_run_written_drawn_and_checked()
    {
        // Given the toy extensions and a recipe that uses them
        using var toy = ToyExtensions.Register();
        using var manifest = new TempManifest(Experiments, Recipe);
        var experiment = manifest.Load()[0];

        // When the pipeline runs, the figures and the report are drawn, and a baseline is accepted and checked
        using var pipeline = new ExperimentPipeline(experiment, new RunSettings(_artifacts));
        var results = pipeline.Run();
        var figures = Figures.DrawAll(results, pipeline.Paths.Figures);
        var report = ReportWriter.Render(results, figures, pipeline.Paths.Directory);
        var baseline = Path.Combine(_artifacts, "toy.json");
        RegressionCheck.Accept(results, baseline, _ => null);
        var tolerances = ToleranceDerivation.Derive(results, checkedPairs: 2);
        ToleranceFile.Write(ToleranceFile.PathFor(baseline), "toy", new CheckTolerances { DerivedFrom = "toy", Sigmas = 1, Tolerances = tolerances });

        // Then the method ran and is exact (a permutation), on both paths, with the metric in every curve
        Assert.All(results.Fidelity.Where(f => f.Method == ToyExtensions.Method), f => Assert.Equal(1.0, f.PredictionAgreement));
        Assert.Equal(2 * 2 * 2 * 2, results.Curves.Count);
        Assert.All(results.Curves, c => Assert.True(double.IsFinite(c.Barriers[ToyExtensions.Metric])));

        // results.csv has the metric's column and the method's and path's rows
        var csv = File.ReadAllLines(pipeline.Paths.ResultsCsv);
        var column = Array.IndexOf(csv[0].Split(','), ToyExtensions.Metric);
        Assert.True(column > 0, csv[0]);
        Assert.Contains(csv, row => row.StartsWith($"toy,{ToyExtensions.Method},{ToyExtensions.Path},test,1,2,", StringComparison.Ordinal));

        // the report's barrier table has the metric's column and the method's rows, and the bar figure was drawn
        Assert.Contains($"| {ToyExtensions.Metric} |", report, StringComparison.Ordinal);
        Assert.Contains($"| {ToyExtensions.Method} | {ToyExtensions.Path} | test |", report, StringComparison.Ordinal);
        var bars = Figures.DrawBarriers(results, "linear", "test", Path.Combine(_artifacts, "with.png"));
        var withoutMetric = Figures.DrawBarriers(Without(results, ToyExtensions.Metric), "linear", "test", Path.Combine(_artifacts, "without.png"));
        Assert.True(PngFile.Size(File.ReadAllBytes(bars)).Height > PngFile.Size(File.ReadAllBytes(withoutMetric)).Height, "the fifth metric adds a row of panels");

        // the check covers the metric per pair and summarised, with a tolerance derived from its spread, and fails when it moves
        var flattened = BaselineMetrics.Flatten(results);
        Assert.Contains($"curves/{ToyExtensions.Method}/{ToyExtensions.Path}/test/1-2/{ToyExtensions.Metric}", flattened.Keys);
        Assert.Contains($"summary/{ToyExtensions.Method}/{ToyExtensions.Path}/test/{ToyExtensions.Metric}/mean", flattened.Keys);
        Assert.Contains(ToyExtensions.Metric, tolerances.Keys);
        Assert.Contains($"{ToyExtensions.Metric}/mean", BaselineMetrics.ToleranceKeys);
        Assert.True(RegressionCheck.Compare(results, baseline).Passed);
        var moved = RegressionCheck.Compare(Shifted(results, 1.0), baseline);
        Assert.False(moved.Passed);
        Assert.Contains(moved.Differences, d => d.Path.EndsWith($"/{ToyExtensions.Metric}", StringComparison.Ordinal));
    }

    /// <summary>The results as if <paramref name="metric"/> had never been registered.</summary>
    private static ExperimentResults Without(ExperimentResults results, string metric) => results with
    {
        Summary = [.. results.Summary.Select(s => s with { Metrics = s.Metrics.Where(m => m.Key != metric).ToDictionary() })],
    };

    /// <summary>The results with the toy metric of every curve raised by <paramref name="delta"/>.</summary>
    private static ExperimentResults Shifted(ExperimentResults results, double delta) => results with
    {
        Curves = [.. results.Curves.Select(c => c with
        {
            Barriers = c.Barriers with
            {
                Values = new Dictionary<string, double>(c.Barriers.Values) { [ToyExtensions.Metric] = c.Barriers[ToyExtensions.Metric] + delta },
            },
        })],
    };
}
