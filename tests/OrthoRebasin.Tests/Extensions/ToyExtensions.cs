using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Parameters;
using OrthoRebasin.Results;
using OrthoRebasin.Symmetry;
using OrthoRebasin.Validation;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Extensions;

/// <summary>
/// A method, a path and a metric registered from this test project alone, the way a user extends OrthoRebasin without
/// editing the library: one options record and one class each, then one registration line.
/// </summary>
internal static class ToyExtensions
{
    public const string Method = "toy-reverse";
    public const string Path = "toy-power";
    public const string Metric = "toy_midpoint_loss";

    /// <summary>
    /// Registers the three for the calling test only: registries are process-wide, and a metric registered for the
    /// whole process would change every other test's results (and their baselines' checks).
    /// </summary>
    public static IDisposable Register()
    {
        var method = AlignmentMethods.Registry.Scope(MethodEntry.Of<ToyReverseOptions>(
            Method, "reverses the order of every group's units (a permutation: exact)", new MethodTraits { Action = GroupAction.Permutations }, o => new ToyReverse(o)));
        var path = InterpolationPaths.Registry.Scope(PathEntry.Of<ToyPowerOptions>(Path, "θ(λ) = (1 − λ^p) θ_A + λ^p θ_B'", o => new ToyPowerPath(o)));
        var metric = CurveMetrics.Registry.Scope(new CurveMetric(Metric, "loss at the λ nearest ½ minus the mean of the endpoint losses", MidpointLoss));
        return new Scopes([method, path, metric]);
    }

    private static double MidpointLoss(CurveSample curve)
    {
        var middle = Enumerable.Range(0, curve.Lambdas.Count).MinBy(i => Math.Abs(curve.Lambdas[i] - 0.5));
        return curve.Loss[middle] - 0.5 * (curve.Loss[0] + curve.Loss[^1]);
    }
}

internal sealed class Scopes(IReadOnlyList<IDisposable> scopes) : IDisposable
{
    public void Dispose()
    {
        foreach (var scope in scopes.Reverse())
        {
            scope.Dispose();
        }
    }
}

/// <summary>Options of <c>toy-reverse</c>: an odd number of reversals reverses, an even one leaves B as it is.</summary>
internal sealed record ToyReverseOptions
{
    [AtLeast(1)]
    public int Times { get; init; } = 1;
}

internal sealed class ToyReverse(ToyReverseOptions options) : IAlignmentMethod
{
    public string Id => ToyExtensions.Method;

    public AlignmentResult Align(AlignmentProblem problem)
    {
        var matrices = problem.Spec.Groups.ToDictionary(
            g => g.Name,
            g => options.Times % 2 == 1 ? eye(g.Size, dtype: float64).flip(0) : eye(g.Size, dtype: float64));
        var diagnostics = problem.Spec.Groups.Select(g => new LayerDiagnostics(g.Name, 0, 0, 0, options.Times, 0)).ToList();
        return new AlignmentResult(new GroupTransforms(matrices), diagnostics);
    }
}

/// <summary>Options of <c>toy-power</c>.</summary>
internal sealed record ToyPowerOptions
{
    [Positive]
    public double Power { get; init; } = 2;
}

internal sealed class ToyPowerPath(ToyPowerOptions options) : IInterpolationPath
{
    public string Id => ToyExtensions.Path;

    public ParameterSet At(ParameterSet a, ParameterSet b, double lambda) =>
        a.Zip(b, (x, y) => x.lerp(y, Math.Pow(lambda, options.Power)));
}
