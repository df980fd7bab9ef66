using System.Text.Json.Nodes;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;

namespace OrthoRebasin.Tests.Import;

public sealed class LinearCurveTests
{
    [Fact]
    public void The_linear_curve_of_two_imported_mlps_matches_the_one_pytorch_computed()
    {
        // Given the two Sequential MLPs, the probe set and pytorch's curve (1 − λ) A + λ B on it
        using var a = PyTorchFixtures.Import("mlp_sequential_seed1.pt");
        using var b = PyTorchFixtures.Import("mlp_sequential_seed2.pt");
        var (inputs, labels) = PyTorchFixtures.Probe();
        using var _ = inputs;
        using var __ = labels;
        var split = new EvaluationSplit("probe", inputs, labels);
        var golden = JsonNode.Parse(File.ReadAllText(PyTorchFixtures.Path("golden_linear_curve.json")))!["curve"]!.AsArray();

        foreach (var point in golden)
        {
            var lambda = point!["lambda"]!.GetValue<double>();

            // When this project interpolates and evaluates at λ
            using var theta = new LinearPath().At(a.Parameters, b.Parameters, lambda);
            var (loss, accuracy) = Evaluator.Evaluate(PyTorchFixtures.Mlp, theta, split);

            // Then the loss agrees to float32 rounding and the accuracy to within one sample of 200
            var expected = point["loss"]!.GetValue<double>();
            Assert.True(Math.Abs(loss - expected) <= 1e-5 * expected, $"λ = {lambda}: loss {loss:R}, pytorch {expected:R}");
            Assert.True(Math.Abs(accuracy * 200 - point["correct"]!.GetValue<int>()) <= 1, $"λ = {lambda}: accuracy {accuracy}, pytorch {point["accuracy"]}");
        }
    }
}
