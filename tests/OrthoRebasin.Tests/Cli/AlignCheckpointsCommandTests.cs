using System.Globalization;
using System.Text.Json;
using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Import;
using OrthoRebasin.Tests.Import;

namespace OrthoRebasin.Tests.Cli;

/// <summary>`align --a --b`: two PyTorch checkpoints aligned without a manifest, as a user runs it.</summary>
public sealed class AlignCheckpointsCommandTests : IDisposable
{
    private const string Model = "{ architecture: mlp, hidden: [32, 32] }";

    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-align-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Out => Path.Combine(_root, "aligned");

    private (int ExitCode, string Output, string Error) Align(params string[] more) =>
        CliProcess.Cli(_root, [
            "align", "--a", PyTorchFixtures.Path("mlp_sequential_seed1.pt"), "--b", PyTorchFixtures.Path("mlp_sequential_seed2.pt"),
            "--threads", "1", .. more]);

    [Fact]
    public void Weight_matching_of_two_pytorch_mlps_writes_an_aligned_b_that_reimports_and_computes_b_on_the_probe()
    {
        // Given the two Sequential MLPs saved by PyTorch
        // When B is aligned onto A with weight matching, no data set given
        var result = Align("--model", Model, "--method", "weight-matching", "--out", Out);

        // Then every file is written and the output says the probe batch was random
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var file in new[] { "b_aligned.pt", "b_aligned.safetensors", "transforms.safetensors", "alignment.json" })
        {
            Assert.True(File.Exists(Path.Combine(Out, file)), $"{file} missing; output:\n{result.Output}");
        }

        Assert.False(File.Exists(Path.Combine(Out, "report.md")));
        Assert.Contains("probe batch: 256 deterministic random inputs", result.Output);

        // And b_aligned.pt is B's state dict under B's own names, permuted, computing B's logits on the probe set
        var (tensors, _) = TensorFiles.Read(Path.Combine(Out, "b_aligned.pt"));
        var names = tensors.Select(t => t.Key).ToList();
        tensors.ForEach(t => t.Value.Dispose());
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"], names.Order(StringComparer.Ordinal));
        using var aligned = CheckpointImport.Load(Path.Combine(Out, "b_aligned.pt"), PyTorchFixtures.Mlp);
        using var b = PyTorchFixtures.Import("mlp_sequential_seed2.pt");
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = inputs;
        using var __ = labels;
        using var expected = PyTorchFixtures.Mlp.Forward(b.Parameters, inputs);
        using var logits = PyTorchFixtures.Mlp.Forward(aligned.Parameters, inputs);
        Assert.True(ImportGates.RelativeDifference(expected, logits) <= ImportGates.Tolerance);
        Assert.True(aligned.Parameters.DistanceTo(b.Parameters) > 1.0, "weight matching left B unpermuted");

        // And alignment.json records the method, the gates' measurements and the objective it raised
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "alignment.json")));
        var root = record.RootElement;
        Assert.Equal("weight-matching", root.GetProperty("method").GetString());
        Assert.True(root.GetProperty("gates").GetProperty("same_function").GetDouble() <= ImportGates.Tolerance);
        Assert.Equal(["P_1", "P_2"], root.GetProperty("gates").GetProperty("symmetry").GetProperty("b").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("objective_after").GetDouble() > root.GetProperty("objective_before").GetDouble());
    }

    [Fact]
    public void With_uci_digits_the_report_and_curves_are_written_and_the_identity_curve_ends_at_the_models_own_evaluation()
    {
        // Given the two MLPs (64 inputs, like the 8×8 UCI digits)
        // When aligned with the embedded data set
        var result = Align("--model", Model, "--method", "weight-matching", "--data", "uci-digits", "--out", Out);

        // Then curves.csv and report.md are written
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("probe batch: the first 256 samples of the uci-digits training split", result.Output);
        var report = File.ReadAllText(Path.Combine(Out, "report.md"));
        Assert.Contains("| identity | linear |", report);
        Assert.Contains("| weight-matching | linear-repair |", report);
        Assert.Contains("Function gate (B' against B, weight-matching is exact): passed", report);
        var rows = File.ReadAllLines(Path.Combine(Out, "curves.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(4 * 11, rows.Count);

        // And the identity curve's endpoints are A's and B's own loss and accuracy on the test split
        using var a = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var b = PyTorchFixtures.Import("mlp_sequential_seed2.pt");
        using var data = DatasetRegistry.Load("uci-digits", new DataLocation(null));
        using var features = data.Test.Features();
        var test = new EvaluationSplit("test", features, data.Test.Labels);
        var identity = rows.Where(r => r[0] == "identity" && r[1] == "linear").ToList();
        foreach (var (row, model) in new[] { (identity[0], a), (identity[^1], b) })
        {
            var (loss, accuracy) = Evaluator.Evaluate(PyTorchFixtures.Mlp, model.Parameters, test);
            var curveLoss = double.Parse(row[4], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(curveLoss - loss) <= 1e-9 * loss, $"λ = {row[3]}: curve loss {curveLoss:R}, model {loss:R}");
            Assert.Equal(accuracy, double.Parse(row[5], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void With_standardise_the_identity_curve_ends_at_the_models_evaluation_on_standardised_inputs_and_the_statistics_are_recorded()
    {
        // Given the two MLPs and the embedded data set
        // When aligned with inputs standardised by the training split's statistics
        var result = Align("--model", Model, "--method", "weight-matching", "--data", "uci-digits", "--standardise", "--out", Out, "--lambdas", "3");

        // Then the output, the record and the report say so
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("inputs standardised by the uci-digits training split's channel statistics: mean [", result.Output);
        using var data = DatasetRegistry.Load("uci-digits", new DataLocation(null));
        var statistics = InputStandardisation.Of(data.Train);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "alignment.json")));
        var recorded = record.RootElement.GetProperty("standardisation");
        Assert.Equal(statistics.Mean[0], recorded.GetProperty("mean")[0].GetDouble());
        Assert.Equal(statistics.Std[0], recorded.GetProperty("std")[0].GetDouble());
        Assert.Contains("inputs standardised by the training split's mean [", File.ReadAllText(Path.Combine(Out, "report.md")));

        // And the identity curve starts at A's loss on the standardised test split, not on the raw one
        using var a = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var standardised = data.Test.WithStandardisation(statistics);
        using var features = standardised.Features();
        using var raw = data.Test.Features();
        var (loss, _) = Evaluator.Evaluate(PyTorchFixtures.Mlp, a.Parameters, new EvaluationSplit("test", features, data.Test.Labels));
        var (rawLoss, _) = Evaluator.Evaluate(PyTorchFixtures.Mlp, a.Parameters, new EvaluationSplit("test", raw, data.Test.Labels));
        var first = File.ReadAllLines(Path.Combine(Out, "curves.csv")).Skip(1).Select(l => l.Split(',')).First(r => r[0] == "identity" && r[1] == "linear");
        var curveLoss = double.Parse(first[4], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(curveLoss - loss) <= 1e-9 * loss, $"curve loss {curveLoss:R}, model on standardised inputs {loss:R}");
        Assert.True(Math.Abs(curveLoss - rawLoss) > 1e-3, "the curve was evaluated on unstandardised inputs");
    }

    [Fact]
    public void Standardise_without_a_data_set_exits_1_saying_to_give_one()
    {
        // Given / When
        var result = Align("--model", Model, "--method", "weight-matching", "--standardise", "--out", Out);

        // Then
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--standardise standardises a data set's inputs: give --data <data set>", result.Error);
        Assert.False(File.Exists(Path.Combine(Out, "b_aligned.pt")));
    }

    [Fact]
    public void A_model_spec_with_a_misspelt_key_exits_1_with_one_line_naming_the_option_and_the_place()
    {
        // Given / When the model is declared with 'hiden'
        var result = Align("--model", "{ architecture: mlp, hiden: [32, 32] }", "--method", "weight-matching", "--out", Out);

        // Then one line names the option, the column and the key the architecture takes
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --model:1:22: model.hiden is not a key of architecture 'mlp', which takes hidden. Remove it", result.Error.TrimEnd());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void A_missing_checkpoint_exits_1_with_one_line_naming_the_option_and_the_file()
    {
        // Given a path to B that does not exist
        var missing = Path.Combine(_root, "seed2.pt");

        // When aligned
        var result = CliProcess.Cli(_root, "align", "--a", PyTorchFixtures.Path("mlp_sequential_seed1.pt"), "--b", missing, "--model", Model, "--method", "weight-matching");

        // Then one line names --b, the file and what it must be
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: --b {missing}: no such file. Give the path of a PyTorch state dict (.pt, .pth, .bin) or a safetensors file.", result.Error.TrimEnd());
    }

    [Fact]
    public void A_without_b_or_with_an_experiment_is_a_usage_error()
    {
        // Given / When --a comes alone, then with both checkpoints and an experiment
        var alone = CliProcess.Cli(_root, "align", "--a", PyTorchFixtures.Path("mlp_sequential_seed1.pt"), "--model", Model, "--method", "weight-matching");
        var mixed = Align("-e", "quickstart", "--model", Model, "--method", "weight-matching");

        // Then each is one line saying what to give instead
        Assert.Equal(1, alone.ExitCode);
        Assert.Equal("error: --a needs --b: give both checkpoints, e.g. --a a.pt --b b.pt (B is aligned onto A).", alone.Error.TrimEnd());
        Assert.Equal(1, mixed.ExitCode);
        Assert.StartsWith("error: --experiment selects a manifest's experiments, but --a and --b align two checkpoints without one", mixed.Error);
        Assert.DoesNotContain('\n', mixed.Error.TrimEnd());
    }
}
