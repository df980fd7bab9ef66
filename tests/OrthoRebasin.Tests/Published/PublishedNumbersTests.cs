using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Plotting;
using OrthoRebasin.Published;
using OrthoRebasin.Results;
using OrthoRebasin.Tests.Check;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Published;

public sealed class PublishedNumbersTests : IDisposable
{
    private const string Sources = """
        sources:
          paper:
            cite: "A. Author, Title, 2023"
        """;

    private static readonly string[] Experiments = ["sweep.hidden-128", "sweep.hidden-512"];

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>The repository's registry, checked against the repository's manifest.</summary>
    public static PublishedNumbers Committed()
    {
        var manifest = Path.Combine(RepositoryRoot.Find(), "experiments.yaml");
        return PublishedNumbers.LoadBeside(manifest, ManifestLoader.Load(manifest).Select(e => e.Id));
    }

    [Fact]
    public void The_committed_registry_names_only_experiments_methods_and_metrics_that_exist()
    {
        // Given / When the repository's registry is read against its manifest (an unknown name would throw)
        var registry = Committed();

        // Then it holds the study's table, REPAIR's deep-MLP numbers at widths 128 and 512 on three data sets, and REPAIR's
        // CIFAR-10 VGG-11 (widths 1 and 2, with BatchNorm at 2) and ResNet-20 (BatchNorm and LayerNorm, widths 1 to 16)
        Assert.Equal(6, registry.Entries.Count(e => e.Source == PublishedNumbers.StudySource));
        var repair = registry.Entries.Where(e => e.Source == "repair").ToList();
        Assert.Equal(6, repair.Where(e => e.Experiment.StartsWith("repair-mlp.", StringComparison.Ordinal)).Select(e => e.Experiment).Distinct().Count());
        Assert.Contains(repair, e => e is { Experiment: "repair-mlp.dataset-cifar10.hidden-512x11", Path: "linear-repair", Metric: CurveMetrics.AccMid });
        Assert.Equal(13, repair.Where(e => e.Experiment.StartsWith("cifar10-", StringComparison.Ordinal) && !e.Id.Contains('@', StringComparison.Ordinal)).Select(e => e.Experiment).Distinct().Count());
        // And the CPU-sized convolutional points carry the published numbers of their widths (ResNet-20 at width 1, VGG-11 at width ½ for the published width 1)
        Assert.Equal(3, repair.Where(e => e.Id.Contains('@', StringComparison.Ordinal)).Select(e => e.Experiment).Distinct().Count());
        Assert.Contains(repair, e => e is { Id: "repair-resnet20-bn-w1-activation-matching-reset-acc-mid@cifar10-resnet20-cpu.width-1", CompareTo: "repair-resnet20-bn-w1-activation-matching-acc-mid@cifar10-resnet20-cpu.width-1" });
        Assert.Contains(repair, e => e is { Experiment: "cifar10-resnet20.width-16", Path: "linear-reset", Metric: CurveMetrics.AccMid });
        Assert.Contains(repair, e => e is { Experiment: "cifar10-vgg11-bn", Method: "identity", Metric: CurveMetrics.LossMid });
        Assert.All(registry.Entries, e => Assert.Contains(e.Source, registry.Sources.Keys));
    }

    [Fact]
    public void The_study_table_read_from_the_registry_lowers_the_barrier_with_procrustes_weight_only()
    {
        // Given
        var table = StudyTable.From(Committed());

        // When
        var reference = table.LossBarrier(StudyTable.Reference)!.Value;
        var lowering = table.LossBarriers.Where(e => StudyTable.Direction(e.Value, reference) < 0).Select(e => e.Key);

        // Then
        Assert.Equal(0.90, reference);
        Assert.Equal(["procrustes-weight"], lowering);
        Assert.Null(table.LossBarrier("weight-matching"));
    }

    [Theory]
    [InlineData("experiment: sweep.hidden-256", 8, 17, "unknown experiment 'sweep.hidden-256'")]
    [InlineData("metric: loss_midpoint", 10, 13, "unknown metric 'loss_midpoint'")]
    [InlineData("method: weight-matchin", 9, 13, "unknown method 'weight-matchin'")]
    [InlineData("path: linear-renorm", 11, 11, "unknown path 'linear-renorm'")]
    [InlineData("source: papr", 6, 13, "unknown source 'papr'")]
    public void An_entry_naming_something_unknown_is_an_error_with_file_line_and_column(string replacement, int line, int column, string problem)
    {
        // Given an entry with one key replaced
        var key = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var text = Entry("e1", "sweep.hidden-128").Split('\n').Select(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal) ? l[..(l.Length - l.TrimStart().Length)] + replacement : l);

        // When
        var error = Assert.Throws<ManifestException>(() => PublishedNumbers.Parse(Sources + "\nentries:\n" + string.Join('\n', text), Experiments, "published.yaml"));

        // Then
        Assert.Equal(("published.yaml", line, column), (error.File, error.Line, error.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"published.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_across_experiments_is_an_error_at_its_compare_to()
    {
        // Given two entries of different experiments, the second compared with the first
        var text = Sources + "\nentries:\n" + Entry("e1", "sweep.hidden-128") + Entry("e2", "sweep.hidden-512") + "    compare_to: e1\n";

        // When
        var error = Assert.Throws<ManifestException>(() => PublishedNumbers.Parse(text, Experiments, "published.yaml"));

        // Then
        Assert.Contains("compare_to names 'e1'", error.Message, StringComparison.Ordinal);
        Assert.Equal(23, error.Line);
    }

    [Fact]
    public void An_entry_also_set_beside_another_experiment_becomes_an_entry_of_that_experiment_with_its_own_differences()
    {
        // Given two entries of one experiment, the second compared with the first, both also set beside a smaller run
        const string Also = "    also:\n      - { experiment: sweep.hidden-128, differences: \"fewer epochs\" }\n";
        var text = Sources + "\nentries:\n" + Entry("e1", "sweep.hidden-512") + Also + Entry("e2", "sweep.hidden-512") + "    compare_to: e1\n" + Also;

        // When
        var registry = PublishedNumbers.Parse(text, Experiments, "published.yaml");

        // Then each is followed by its copy for the smaller run, with that run's differences and compared within it
        Assert.Equal(["e1", "e1@sweep.hidden-128", "e2", "e2@sweep.hidden-128"], registry.Entries.Select(e => e.Id));
        var copy = registry.For("sweep.hidden-128")[1];
        Assert.Equal(("e2@sweep.hidden-128", "e1@sweep.hidden-128", "fewer epochs", 0.18), (copy.Id, copy.CompareTo, copy.Differences, copy.Value));
        Assert.Equal("none known", registry.Find("e2")!.Differences);
        Assert.Equal("e1", registry.Find("e2")!.CompareTo);
    }

    [Fact]
    public void An_also_entry_whose_compared_entry_is_not_set_beside_the_same_experiment_is_an_error_at_it()
    {
        // Given the second entry also set beside the smaller run, but not the entry it is compared with
        var text = Sources + "\nentries:\n" + Entry("e1", "sweep.hidden-512") + Entry("e2", "sweep.hidden-512") + "    compare_to: e1\n" +
                   "    also:\n      - { experiment: sweep.hidden-128, differences: \"fewer epochs\" }\n";

        // When
        var error = Assert.Throws<ManifestException>(() => PublishedNumbers.Parse(text, Experiments, "published.yaml"));

        // Then
        Assert.Contains("entries[1].also[0]: the entry is compared to 'e1', which is not set beside 'sweep.hidden-128'", error.Message, StringComparison.Ordinal);
        Assert.Equal((25, 23), (error.Line, error.Column));
    }

    [Fact]
    public void A_measured_number_within_the_published_uncertainty_plus_the_seed_std_agrees()
    {
        // Given a published 0.30 ± 0.05 and a measured mean 0.36 with std 0.02 (|0.06| ≤ 0.07)
        var entry = Published("e", "activation-matching", 0.30) with { Uncertainty = 0.05 };
        var results = Measured(("activation-matching", 0.35, 0.37));

        // When
        var comparison = PublishedComparison.Compare(entry, null, results);

        // Then
        Assert.Equal(PublishedVerdict.Agrees, comparison.Verdict);
        Assert.Equal(0.36, comparison.Measured!.Mean, 12);
        Assert.Equal(0.05 + comparison.Measured.Std, comparison.Allowed, 12);
    }

    [Fact]
    public void Outside_the_bound_the_verdict_is_the_direction_against_the_compared_entry()
    {
        // Given published identity 0.9 and a method at 0.2 (it lowers); measured identity 1.2, the method 0.5 or 1.5
        var identity = Published("id", "identity", 0.9);
        var method = Published("m", "activation-matching", 0.2) with { CompareTo = "id" };
        var lowering = Measured(("identity", 1.2, 1.2), ("activation-matching", 0.5, 0.5));
        var raising = Measured(("identity", 1.2, 1.2), ("activation-matching", 1.5, 1.5));

        // When
        var same = PublishedComparison.Compare(method, identity, lowering);
        var opposite = PublishedComparison.Compare(method, identity, raising);
        var alone = PublishedComparison.Compare(method with { CompareTo = null }, null, lowering);

        // Then
        Assert.Equal(PublishedVerdict.SameDirection, same.Verdict);
        Assert.Equal(PublishedVerdict.DoesNotReproduce, opposite.Verdict);
        Assert.Equal(PublishedVerdict.DoesNotReproduce, alone.Verdict);
        Assert.Contains("published ↓, measured ↑", opposite.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_whose_experiment_has_no_results_or_no_such_curve_is_not_measured()
    {
        // Given
        var entry = Published("e", "stiefel", 1.0);

        // When
        var noResults = PublishedComparison.Compare(entry, null, null);
        var noCurve = PublishedComparison.Compare(entry, null, Measured(("identity", 1, 1)));

        // Then
        Assert.Equal(PublishedVerdict.NotMeasured, noResults.Verdict);
        Assert.Contains("run it", noResults.Why, StringComparison.Ordinal);
        Assert.Equal(PublishedVerdict.NotMeasured, noCurve.Verdict);
        Assert.Null(noCurve.Measured);
    }

    [Fact]
    public void The_report_of_an_experiment_sets_its_entries_beside_the_measured_numbers_with_the_verdict()
    {
        // Given a registry with one entry for the sample's experiment (weight-matching's loss barrier 0.15 in the sample)
        var results = SampleResults.Create();
        var text = Sources + "\nentries:\n" + Entry("wm", results.ExperimentId).Replace("method: identity", "method: weight-matching", StringComparison.Ordinal)
            .Replace("metric: acc_mid", "metric: loss_barrier", StringComparison.Ordinal).Replace("value: 0.18", "value: 3.5", StringComparison.Ordinal);
        var registry = PublishedNumbers.Parse(text, [results.ExperimentId]);

        // When
        var markdown = ReportWriter.Render(results, [], _directory.Path, published: registry);

        // Then the row shows the published 3.5, the measured mean and the verdict, and the source is cited
        var row = markdown.Split('\n').Single(l => l.StartsWith("| weight-matching | linear | test | loss_barrier | 3.5 |", StringComparison.Ordinal));
        var measured = results.Summary.Single(s => s is { Method: "weight-matching", Path: "linear", Split: "test" })[CurveMetrics.LossBarrier];
        Assert.Contains(measured.Mean.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains("**does not reproduce**", row, StringComparison.Ordinal);
        Assert.Contains("A. Author, Title, 2023", markdown, StringComparison.Ordinal);
    }

    /// <summary>An entry of 9 lines; in a file after <see cref="Sources"/> and "entries:", its id is on line 5.</summary>
    private static string Entry(string id, string experiment) => $"""
          - id: {id}
            source: paper
            where: "Table 1"
            experiment: {experiment}
            method: identity
            metric: acc_mid
            path: linear
            value: 0.18
            differences: "none known"

        """;

    private static PublishedEntry Published(string id, string method, double value) => new()
    {
        Id = id,
        Source = "paper",
        Where = "Table 1",
        Experiment = "x",
        Method = method,
        Metric = CurveMetrics.LossBarrier,
        Value = value,
        Differences = "none",
    };

    /// <summary>Results whose linear test summaries have, per method, the loss barrier of two pairs.</summary>
    private static ExperimentResults Measured(params (string Method, double First, double Second)[] methods) =>
        SampleResults.Create() with
        {
            Summary = methods.Select(m => new BarrierSummary
            {
                Method = m.Method,
                Path = "linear",
                Split = "test",
                Metrics = new Dictionary<string, MeanStd> { [CurveMetrics.LossBarrier] = MeanStd.Of([m.First, m.Second]) },
                Pairs = 2,
                EndpointMaxima = 0,
            }).ToList(),
        };
}
