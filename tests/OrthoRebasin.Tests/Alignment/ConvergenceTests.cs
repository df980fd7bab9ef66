using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.IO;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Results;

namespace OrthoRebasin.Tests.Alignment;

/// <summary>
/// Every method with an iteration cap says whether it met its stopping rule before the cap (docs/METHODS.md §3), with the
/// objective after every iteration; methods without iterations are converged by definition.
/// </summary>
public sealed class ConvergenceTests : IDisposable
{
    private readonly Mlp _mlp = new(6, [10, 8], 4);
    private readonly ParameterSet _a;
    private readonly ParameterSet _b;
    private readonly TorchSharp.torch.Tensor _samples;

    public ConvergenceTests()
    {
        _a = TestModels.Random(_mlp, 71);
        _b = TestModels.Random(_mlp, 72);
        _samples = TestModels.Inputs(60, 6, 73);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _samples.Dispose();
    }

    [Fact]
    public void A_capped_procrustes_weight_reports_not_converged_with_a_trace_as_long_as_its_sweeps()
    {
        // Given two unrelated models, on which orthogonal sweeps keep gaining for many sweeps
        var options = new ProcrustesWeightOptions { MaxIter = 3 };

        // When procrustes-weight may sweep only three times
        using var result = new ProcrustesWeight(options).Align(Problem());

        // Then every group says it did not converge and carries F after each of its three sweeps, rising
        Assert.All(result.Diagnostics, d =>
        {
            Assert.False(d.Converged, d.Group);
            Assert.Equal(3, d.Iterations);
            Assert.Equal(d.Iterations, d.ObjectiveTrace.Count);
            Assert.True(d.ObjectiveTrace.Zip(d.ObjectiveTrace.Skip(1)).All(x => x.Second >= x.First), "F fell between sweeps");
            Assert.True(d.ConvergenceRecorded);
        });
        var trace = result.Diagnostics[0].ObjectiveTrace;
        Assert.True(trace[^1] - trace[^2] > options.Tol * Math.Abs(trace[^1]), "the last sweep met the tolerance: the cap did not end the descent");
    }

    [Fact]
    public void Procrustes_weight_with_a_generous_cap_converges_before_it()
    {
        // Given
        var options = new ProcrustesWeightOptions { MaxIter = 5000 };

        // When
        using var result = new ProcrustesWeight(options).Align(Problem());

        // Then it stopped on its tolerance, before the cap, and its last sweep gained at most tol · |F|
        Assert.All(result.Diagnostics, d =>
        {
            Assert.True(d.Converged, d.Group);
            Assert.True(d.Iterations < options.MaxIter, $"{d.Iterations} sweeps");
            Assert.Equal(d.Iterations, d.ObjectiveTrace.Count);
        });
        var trace = result.Diagnostics[0].ObjectiveTrace;
        Assert.True(trace[^1] - trace[^2] <= options.Tol * Math.Abs(trace[^1]));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(100, true)]
    public void Weight_matching_converges_when_a_sweep_finds_nothing_to_change_before_its_cap(int maxIter, bool converged)
    {
        // Given / When
        using var result = new WeightMatching(new WeightMatchingOptions { MaxIter = maxIter }).Align(Problem());

        // Then
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal(converged, d.Converged);
            Assert.Equal(d.Iterations, d.ObjectiveTrace.Count);
        });
    }

    [Fact]
    public void Stiefel_stopped_by_its_steps_reports_not_converged_and_its_rejected_steps()
    {
        // Given a step far too large, so the safeguard must halve it, and no tolerance to stop on
        var options = new StiefelOptions { Steps = 30, Lr = 50, Tol = 0 };

        // When
        using var result = new StiefelAlignment(options).Align(Problem());

        // Then the steps ran out: not converged, every attempted step accepted or rejected, τ halved once per rejection
        Assert.All(result.Diagnostics, d =>
        {
            var rejected = d.Extra![CayleyDescent.RejectedSteps];
            Assert.False(d.Converged, d.Group);
            Assert.True(rejected > 0, "no step was rejected: the test does not exercise the safeguard");
            Assert.Equal(options.Steps, d.Iterations + rejected);
            Assert.Equal(options.Lr / Math.Pow(2, rejected), d.Extra[CayleyDescent.FinalStep]);
            Assert.Equal(d.Iterations, d.ObjectiveTrace.Count);
            Assert.Equal(d.ObjectiveTrace[^1], result.Diagnostics.Sum(g => g.ObjectiveAfter), 8);
        });
    }

    [Fact]
    public void Stiefel_stopped_by_its_tolerance_reports_converged()
    {
        // Given a tolerance the descent meets long before its steps run out
        var options = new StiefelOptions { Steps = 1000, Lr = 0.1, Tol = 1e-3 };

        // When
        using var result = new StiefelActivation(new StiefelActivationOptions { Steps = options.Steps, Lr = options.Lr, Tol = options.Tol }).Align(Problem());

        // Then
        Assert.All(result.Diagnostics, d =>
        {
            Assert.True(d.Converged, d.Group);
            Assert.True(d.Iterations + d.Extra![CayleyDescent.RejectedSteps] < options.Steps);
        });
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(3000, true)]
    public void Reflection_with_adam_converges_when_its_last_steps_barely_move_the_objective(int steps, bool converged)
    {
        // Given / When
        using var result = new ReflectionAlignment(new ReflectionOptions { Solver = ReflectionSolver.Adam, Steps = steps }).Align(Problem());

        // Then each group's trace holds its objective after every Adam step, ending at the reported objective
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal(converged, d.Converged);
            Assert.Equal(steps, d.ObjectiveTrace.Count);
            Assert.Equal(d.ObjectiveAfter, d.ObjectiveTrace[^1], 1e-9 * Math.Abs(d.ObjectiveAfter));
        });
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("activation-matching")]
    [InlineData("procrustes-weight-layerwise")]
    [InlineData("procrustes-activation")]
    [InlineData("svd-weight")]
    [InlineData("whitened-procrustes")]
    [InlineData("polar")]
    [InlineData("reflection")]
    public void A_method_without_iterations_is_converged_by_definition(string id)
    {
        // Given / When
        using var result = AlignmentMethods.Registry.Get(id).Create(null).Align(Problem());

        // Then
        Assert.All(result.Diagnostics, d =>
        {
            Assert.True(d.Converged);
            Assert.Empty(d.ObjectiveTrace);
            Assert.True(d.ConvergenceRecorded);
        });
    }

    [Fact]
    public void Diagnostics_written_before_convergence_was_recorded_load_as_not_recorded()
    {
        // Given a group as alignment.json held it before the convergence fields, and one written today
        const string old = """{ "group": "P_1", "objective_before": 1, "objective_after": 2, "orthogonality_defect": 0, "iterations": 100, "seconds": 0.5 }""";
        var today = new LayerDiagnostics("P_1", 1, 2, 0, 2, 0.5) { Converged = false, ObjectiveTrace = [1.5, 2] };

        // When both are read
        var loaded = System.Text.Json.JsonSerializer.Deserialize<LayerDiagnostics>(old, Json.Options)!;
        var roundTrip = System.Text.Json.JsonSerializer.Deserialize<LayerDiagnostics>(Json.Serialize(today), Json.Options)!;

        // Then the old one loads with the defaults and says its convergence was not recorded; the new one keeps its fields
        Assert.True(loaded.Converged);
        Assert.Empty(loaded.ObjectiveTrace);
        Assert.False(loaded.ConvergenceRecorded);
        Assert.False(roundTrip.Converged);
        Assert.Equal([1.5, 2], roundTrip.ObjectiveTrace);
        Assert.True(roundTrip.ConvergenceRecorded);
        Assert.DoesNotContain("convergence_recorded", Json.Serialize(today), StringComparison.Ordinal);
    }

    private AlignmentProblem Problem() => TestModels.Problem(_mlp, _a, _b, _samples, seed: 7);
}
