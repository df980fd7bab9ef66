using System.Text.Json;
using OrthoRebasin.Evaluation;
using OrthoRebasin.IO;
using OrthoRebasin.Plotting;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Plotting;

public sealed class SweepFiguresTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_sweep_point_keeps_its_coordinates_through_its_results_json()
    {
        // Given
        var results = Point("repair-mlp.hidden-128x2.dataset-mnist", ("model.hidden", "[128, 128]"), ("data.dataset", "mnist"));

        // When
        var json = Json.Serialize(results);
        var read = JsonSerializer.Deserialize<ExperimentResults>(json, Json.Options)!;

        // Then
        Assert.Contains("\"sweep\": {", json, StringComparison.Ordinal);
        Assert.Equal("repair-mlp", read.Sweep!.Parent);
        Assert.Equal([new SweepValue("model.hidden", "[128, 128]"), new SweepValue("data.dataset", "mnist")], read.Sweep.Coordinates);
        Assert.True(results.Sweep!.SamePoint(read.Sweep));
    }

    [Fact]
    public void The_results_of_an_experiment_that_is_not_a_sweep_point_have_no_sweep_key()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var json = Json.Serialize(results);

        // Then
        Assert.DoesNotContain("\"sweep\"", json, StringComparison.Ordinal);
        Assert.Null(JsonSerializer.Deserialize<ExperimentResults>(json, Json.Options)!.Sweep);
    }

    [Theory]
    [InlineData("[512, 512]", 512.0)]
    [InlineData("[64, 32]", 64.0)]
    [InlineData("128", 128.0)]
    [InlineData("0.001", 0.001)]
    [InlineData("mnist", null)]
    [InlineData("[]", null)]
    [InlineData("[[128], [512]]", null)]
    [InlineData("{ width: 8 }", null)]
    public void A_swept_value_gives_a_number_when_it_is_one_or_a_list_starting_with_one(string value, double? number) =>
        Assert.Equal(number, SweepValue.NumberOf(value));

    [Fact]
    public void The_combined_report_puts_each_point_of_a_sweep_in_a_column_ordered_by_its_value()
    {
        // Given three points written out of order (512 first), the identity row without acc_mid at 256
        var points = new[]
        {
            Point("repair-mlp.hidden-512x2", ("model.hidden", "[512, 512]")) with { Summary = Summaries(0.5, 0.04) },
            Point("repair-mlp.hidden-128x2", ("model.hidden", "[128, 128]")) with { Summary = Summaries(0.9, 0.12) },
            Point("repair-mlp.hidden-256x2", ("model.hidden", "[256, 256]")) with { Summary = Summaries(0.7, null) },
        };

        // When
        var lines = ReportWriter.RenderCombined([SampleResults.Create(), .. points]).Split('\n');

        // Then the columns go 128, 256, 512 and each cell is its point's mean ± std
        var section = Section(lines, "### `repair-mlp`");
        Assert.Equal("| method | path | [128, 128] | [256, 256] | [512, 512] |", section.First(l => l.StartsWith("| method", StringComparison.Ordinal)));
        var rows = section.Where(l => l.StartsWith("| identity | linear |", StringComparison.Ordinal)).ToList();
        Assert.Equal("| identity | linear | 0.900 ± 0.100 | 0.700 ± 0.100 | 0.500 ± 0.100 |", rows[0]);
        Assert.Equal("| weight-matching | linear-repair | 0.450 ± 0.050 | 0.350 ± 0.050 | 0.250 ± 0.050 |", section.First(l => l.StartsWith("| weight-matching |", StringComparison.Ordinal)));
        // and acc_mid has a table of its own, a dash where the point has no midpoint metric
        Assert.Equal("| identity | linear | 0.120 ± 0.010 | — | 0.040 ± 0.010 |", rows[1]);
        Assert.Contains("`acc_mid`:", section);
        // and an experiment that is not a sweep point is in no sweep
        Assert.DoesNotContain(lines, l => l.StartsWith("### `sample-digits`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sweep_with_one_point_among_the_results_says_so_in_one_line()
    {
        // Given
        var point = Point("repair-mlp.hidden-128x2", ("model.hidden", "[128, 128]"));

        // When
        ReportWriter.WriteCombined([point], System.IO.Path.Combine(_directory.Path, "report.md"));

        // Then
        var section = Section(File.ReadAllLines(System.IO.Path.Combine(_directory.Path, "report.md")), "### `repair-mlp`");
        Assert.Equal(["One point of this sweep among these results (`repair-mlp.hidden-128x2`): nothing to draw across it."], section.Where(l => l.Length > 0));
        Assert.Empty(Directory.GetFiles(_directory.Path, "sweep-*"));
    }

    [Fact]
    public void Combine_draws_the_figures_of_a_sweep_beside_its_report_and_links_them()
    {
        // Given two points of a sweep and an experiment that is not a sweep point
        var points = new[]
        {
            Point("repair-mlp.hidden-128x2", ("model.hidden", "[128, 128]")) with { Summary = Summaries(0.9, 0.12) },
            Point("repair-mlp.hidden-512x2", ("model.hidden", "[512, 512]")) with { Summary = Summaries(0.5, 0.04) },
        };
        var report = System.IO.Path.Combine(_directory.Path, "report.md");

        // When
        ReportWriter.WriteCombined([SampleResults.Create(), .. points], report);

        // Then one figure per metric, PNGs, linked from the report
        var figures = new[] { "sweep-repair-mlp-loss_barrier.png", "sweep-repair-mlp-acc_mid.png" };
        Assert.Equal(figures.Order(), Directory.GetFiles(_directory.Path, "sweep-*").Select(System.IO.Path.GetFileName).Order());
        Assert.All(figures, f => Assert.True(PngFile.HasSignature(File.ReadAllBytes(System.IO.Path.Combine(_directory.Path, f))), f));
        var text = File.ReadAllText(report);
        Assert.All(figures, f => Assert.Contains($"]({f})", text, StringComparison.Ordinal));
        Assert.Equal(["report.md", .. figures.Order()], Directory.GetFiles(_directory.Path).Select(System.IO.Path.GetFileName).Order()); // no temporary file left behind
    }

    [Fact]
    public void Combine_draws_no_sweep_figure_for_experiments_that_are_not_sweep_points()
    {
        // Given
        var results = new[] { SampleResults.Create(), SampleResults.Create() with { ExperimentId = "other-digits" } };
        var report = System.IO.Path.Combine(_directory.Path, "report.md");

        // When
        ReportWriter.WriteCombined(results, report);

        // Then
        Assert.Equal(["report.md"], Directory.GetFiles(_directory.Path).Select(System.IO.Path.GetFileName));
        Assert.DoesNotContain("## Sweeps", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_swept_key_gives_one_figure_per_value_of_it()
    {
        // Given widths swept on two data sets; a data set has no number, so only the width is an axis
        var points = new[]
        {
            Point("w.hidden-128.dataset-mnist", ("model.hidden", "[128]"), ("data.dataset", "mnist")),
            Point("w.hidden-128.dataset-cifar10", ("model.hidden", "[128]"), ("data.dataset", "cifar10")),
            Point("w.hidden-512.dataset-mnist", ("model.hidden", "[512]"), ("data.dataset", "mnist")),
            Point("w.hidden-512.dataset-cifar10", ("model.hidden", "[512]"), ("data.dataset", "cifar10")),
        }.Select(p => p with { Sweep = p.Sweep! with { Parent = "w" } }).ToList();

        // When
        var figures = Figures.DrawSweeps(points, _directory.Path);

        // Then
        Assert.Equal(
            ["sweep-w-loss_barrier-dataset-cifar10.png", "sweep-w-loss_barrier-dataset-mnist.png"],
            figures.Select(f => System.IO.Path.GetFileName(f.File)).Order());
        Assert.All(figures, f => Assert.Equal(("w", "model.hidden", CurveMetrics.LossBarrier), (f.Parent, f.Key, f.Metric)));
        Assert.All(figures, f => Assert.True(new FileInfo(f.File).Length > 0, f.File));
    }

    [Fact]
    public void A_sweep_of_values_without_numbers_is_tabulated_and_not_drawn()
    {
        // Given a sweep over data sets
        var points = new[]
        {
            Point("d.dataset-mnist", ("data.dataset", "mnist")) with { Summary = Summaries(0.9, null) },
            Point("d.dataset-cifar10", ("data.dataset", "cifar10")) with { Summary = Summaries(0.5, null) },
        };
        var report = System.IO.Path.Combine(_directory.Path, "report.md");

        // When
        ReportWriter.WriteCombined(points, report);

        // Then
        var section = Section(File.ReadAllLines(report), "### `d`");
        Assert.Contains("| method | path | cifar10 | mnist |", section);
        Assert.Contains("| identity | linear | 0.500 ± 0.100 | 0.900 ± 0.100 |", section);
        Assert.Contains(section, l => l.StartsWith("No swept key gives a number per point", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_directory.Path, "sweep-*"));
    }

    /// <summary>A sample result as the sweep point <paramref name="id"/> of the entry before its first dot.</summary>
    private static ExperimentResults Point(string id, params (string Key, string Value)[] coordinates) =>
        SampleResults.Create() with
        {
            ExperimentId = id,
            Sweep = new ExperimentSweep(id[..id.IndexOf('.', StringComparison.Ordinal)], [.. coordinates.Select(c => new SweepValue(c.Key, c.Value))]),
        };

    /// <summary>
    /// Test-split summaries over two seed pairs: identity along linear (loss_barrier <paramref name="barrier"/> ± 0.1,
    /// acc_mid <paramref name="accMid"/> ± 0.01 unless null), weight matching along linear-repair at half the barrier.
    /// </summary>
    private static List<BarrierSummary> Summaries(double barrier, double? accMid)
    {
        Dictionary<string, MeanStd> Metrics(double b, double std)
        {
            // The barrier the combined report's verdicts read, beside the two the sweep draws.
            var metrics = new Dictionary<string, MeanStd> { [CurveMetrics.LossBarrier] = new(b, std, 2), [CurveMetrics.LossBarrierVsOriginal] = new(b + 0.02, std, 2) };
            if (accMid is { } a)
            {
                metrics[CurveMetrics.AccMid] = new MeanStd(a, 0.01, 2);
            }

            return metrics;
        }

        return
        [
            new BarrierSummary { Method = "identity", Path = "linear", Split = "test", Metrics = Metrics(barrier, 0.1), Pairs = 2, EndpointMaxima = 0 },
            new BarrierSummary { Method = "weight-matching", Path = "linear-repair", Split = "test", Metrics = Metrics(barrier / 2, 0.05), Pairs = 2, EndpointMaxima = 0 },
        ];
    }

    /// <summary>The lines under <paramref name="heading"/> up to the next heading of any level.</summary>
    private static List<string> Section(IEnumerable<string> lines, string heading) =>
        lines.Select(l => l.TrimEnd('\r')).SkipWhile(l => l != heading).Skip(1).TakeWhile(l => !l.StartsWith('#')).ToList();
}
