using System.Runtime.InteropServices;
using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

/// <summary>A numerical routine that fails on a method's input is one line naming the method, the group and what to try.</summary>
public sealed class NumericalFailureTests
{
    private static readonly Mlp Model = new(5, [8, 6], 3);

    public static TheoryData<string> RegisteredMethods => [.. AlignmentMethods.Registry.Entries.Where(e => e.Traits.Requires is null).Select(e => e.Id)];

    /// <summary>Every method whose input are weights, with options that make it read them (reflection reads weights by default).</summary>
    public static TheoryData<string> WeightMethods => ["weight-matching", "procrustes-weight", "procrustes-weight-layerwise", "svd-weight", "whitened-procrustes", "polar", "stiefel", "reflection"];

    public static TheoryData<string, string> ActivationMethods => new()
    {
        { "activation-matching", "linear assignment" },
        { "procrustes-activation", "linalg.svd" },
        { "stiefel-activation", "Cayley descent" },
        { "reflection", "linalg.eigh" },
    };

    [Theory]
    [MemberData(nameof(RegisteredMethods))]
    public void A_nan_weight_names_the_parameter_and_the_model(string id)
    {
        // Given model B with one NaN weight in its second layer
        using var a = TestModels.Random(Model, 1);
        using var b = TestModels.Random(Model, 2);
        b["layers.1.weight"][2, 3] = double.NaN;
        using var x = TestModels.Inputs(20, 5, 3);

        // When any registered method aligns them
        var failure = Assert.Throws<NonFiniteWeightsException>(() => AlignmentMethods.Registry.Get(id).Create(null).Align(TestModels.Problem(Model, a, b, x)));

        // Then it is one line naming model B, the parameter and the fix, before the method ran
        Assert.Equal(("B", "layers.1.weight", 1L), (failure.Model, failure.Parameter, failure.Count));
        Assert.StartsWith("model B has 1 non-finite (NaN or infinite) values of 48 in parameter 'layers.1.weight': retrain it", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.IsAssignableFrom<UserErrorException>(failure);
    }

    [Fact]
    public void The_pipeline_names_the_model_with_a_nan_weight_by_its_seed()
    {
        // Given model A with an infinite bias
        using var a = TestModels.Random(Model, 1);
        using var b = TestModels.Random(Model, 2);
        a["layers.0.bias"][0] = double.PositiveInfinity;
        using var x = TestModels.Inputs(20, 5, 3);
        var method = AlignmentMethods.Registry.Get("weight-matching").Create(null);

        // When it is aligned as the pipeline does, naming the models by their training seeds
        var failure = Assert.Throws<NonFiniteWeightsException>(() => FiniteParameters.NamingModels("seed 7", "seed 8", () => method.Align(TestModels.Problem(Model, a, b, x))));

        // Then the line names model A by its training seed
        Assert.StartsWith("model A (seed 7) has 1 non-finite (NaN or infinite) values of 8 in parameter 'layers.0.bias':", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WeightMethods))]
    public void A_nan_weight_met_inside_a_method_names_the_method_the_group_and_its_parameters(string id)
    {
        // Given B with a NaN in the incoming weights of P_1, aligned by the method itself (without the registry's check first)
        using var a = TestModels.Random(Model, 1);
        using var b = TestModels.Random(Model, 2);
        b["layers.0.weight"][1, 1] = double.NaN;
        using var x = TestModels.Inputs(20, 5, 3);
        var entry = AlignmentMethods.Registry.Get(id);
        var method = entry.Factory(Activator.CreateInstance(entry.OptionsType)!);

        // When
        var failure = Assert.Throws<NumericalFailureException>(() => method.Align(TestModels.Problem(Model, a, b, x)));

        // Then the line names the method, the group, where its input came from, the routine and the advice for NaN
        Assert.Equal((id, "P_1", NumericalFailureKind.NonFinite), (failure.Method, failure.Group, failure.Kind));
        Assert.StartsWith($"{id} on group 'P_1' (parameter", failure.Message, StringComparison.Ordinal);
        Assert.Contains("layers.0.weight", failure.Location, StringComparison.Ordinal);
        Assert.Contains($": {failure.Routine} failed: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith($" — {NumericalFailureException.NonFiniteAdvice}.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Theory]
    [MemberData(nameof(ActivationMethods))]
    public void A_nan_activation_names_the_method_the_group_and_the_routine(string id, string routine)
    {
        // Given activations of B that are NaN in P_2 (finite weights, as after an overflow)
        using var a = TestModels.Random(Model, 1);
        using var b = TestModels.Random(Model, 2);
        using var x = TestModels.Inputs(20, 5, 3);
        var problem = new AlignmentProblem(Model.Symmetry, a, b, (p, kind) =>
        {
            var activations = Model.GroupActivations(p, x, kind);
            // B, or B with earlier groups transformed (procrustes-activation's sequential sweep).
            if (!ReferenceEquals(p, a))
            {
                activations["P_2"][0, 0] = double.NaN;
            }

            return activations;
        }, 0);
        var options = id == "reflection" ? (object)new ReflectionOptions { On = ReflectionTarget.Activations } : null;

        // When
        var failure = Assert.Throws<NumericalFailureException>(() => AlignmentMethods.Registry.Get(id).Create(options).Align(problem));

        // Then
        Assert.Equal((id, "P_2", routine, NumericalFailureKind.NonFinite), (failure.Method, failure.Group, failure.Routine, failure.Kind));
        Assert.StartsWith($"{id} on group 'P_2' (its activations): {routine} failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(NumericalFailureException.NonFiniteAdvice, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_linear_assignment_with_an_infinite_cost_is_a_numerical_failure_of_the_method_on_the_group()
    {
        // Given a cost matrix with an infinity
        using var cost = eye(4, dtype: float64);
        cost[2, 1] = double.PositiveInfinity;

        // When weight matching's step solves it
        var failure = Assert.Throws<NumericalFailureException>(() => NumericalGuard.Run("weight-matching", "P_3", "parameters w, b", () => WeightCorrelation.BestPermutation(cost)));

        // Then
        Assert.Equal("weight-matching on group 'P_3' (parameters w, b): linear assignment failed: its input, the cost (correlation) matrix, has 1 non-finite (NaN or infinite) entries of 16 "
            + $"— {NumericalFailureException.NonFiniteAdvice}.", failure.Message);
    }

    [Fact]
    public void A_factorisation_that_does_not_converge_is_one_line_with_torch_s_first_line_and_the_advice()
    {
        // Given torch's report of an SVD that did not converge on finite input (its message goes on with a native stack)
        var torch = new ExternalException("linalg.svd: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated singular values (error code: 3).\n"
            + "Exception raised from _linalg_check_errors at BatchLinearAlgebra.cpp:1610 (most recent call first):\nframe #0: c10::Error::Error");

        // When it is raised in a method's step
        var failure = Assert.Throws<NumericalFailureException>(() => NumericalGuard.Run<int>("svd-weight", "P_1", "parameters w", () => throw torch));

        // Then it is one line: the method, the group, the routine, torch's first line, and the advice for a degenerate layer
        Assert.Equal("svd-weight on group 'P_1' (parameters w): linalg.svd failed: The algorithm failed to converge because the input matrix is ill-conditioned or has too many "
            + $"repeated singular values (error code: 3) — {NumericalFailureException.ConvergenceAdvice}.", failure.Message);
        Assert.Equal(NumericalFailureKind.Convergence, failure.Kind);
        Assert.Same(torch, failure.InnerException);
    }

    [Fact]
    public void A_real_cholesky_of_an_indefinite_matrix_and_a_real_svd_of_a_nan_are_translated()
    {
        // Given an indefinite matrix and one with a NaN, factorised by torch itself
        using var indefinite = tensor(new double[] { 1, 2, 2, 1 }).reshape(2, 2);
        using var nan = tensor(new double[] { 1, double.NaN, 3, 4 }).reshape(2, 2);

        // When each is factorised in a method's step
        var cholesky = Assert.Throws<NumericalFailureException>(() => NumericalGuard.Run("m", "g", "here", () => linalg.cholesky(indefinite)));
        var svd = Assert.Throws<NumericalFailureException>(() => NumericalGuard.Run("m", "g", "here", () => linalg.svd(nan)));

        // Then each is a numerical failure of its kind, on one line
        Assert.Equal(("linalg.cholesky", NumericalFailureKind.Convergence), (cholesky.Routine, cholesky.Kind));
        Assert.Contains("not positive-definite", cholesky.Message, StringComparison.Ordinal);
        Assert.Equal(("linalg.svd", NumericalFailureKind.NonFinite), (svd.Routine, svd.Kind));
        Assert.DoesNotContain('\n', cholesky.Message + svd.Message);
    }

    [Fact]
    public void A_shape_mismatch_or_an_argument_error_in_a_step_stays_a_bug()
    {
        // Given steps that fail on a programming error (torch's own message; a real mismatched matmul can take the test host down)
        var mismatch = new ExternalException("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)\nException raised from meta at LinearAlgebra.cpp:204");

        // When / Then they pass through untouched
        Assert.Same(mismatch, Assert.Throws<ExternalException>(() => NumericalGuard.Run<int>("m", "g", "here", () => throw mismatch)));
        Assert.Throws<ArgumentException>(() => NumericalGuard.Run<int>("m", "g", "here", () => throw new ArgumentException("bad")));
        Assert.Throws<InvalidOperationException>(() => NumericalGuard.Run<int>("m", "g", "here", () => throw new InvalidOperationException("bad")));
    }

    [Fact]
    public void Procrustes_polar_of_a_matrix_with_an_infinity_fails_instead_of_returning_nan()
    {
        // Given an infinite entry, which torch's SVD turns into NaN without a word
        using var m = eye(3, dtype: float64);
        m[0, 2] = double.NegativeInfinity;

        // When / Then
        var failure = Assert.Throws<NumericalFailureException>(() => Procrustes.Polar(m));
        Assert.Null(failure.Method);
        Assert.StartsWith("linalg.svd failed: its input, the Procrustes correlation M, has 1 non-finite", failure.Message, StringComparison.Ordinal);
    }
}
