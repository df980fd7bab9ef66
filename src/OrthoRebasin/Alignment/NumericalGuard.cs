using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// Turns a numerical routine's failure inside a method's step for one group into a <see cref="NumericalFailureException"/>
/// naming the method, the group and where the routine's input came from. Only two things count as such a failure: a
/// routine's input with NaN or an infinity (<see cref="EnsureFinite"/>), and torch's linalg reporting that it did not
/// converge or met a singular or indefinite matrix. Everything else (shape mismatches, argument errors) stays a bug.
/// </summary>
internal static partial class NumericalGuard
{
    /// <summary>Runs <paramref name="step"/> for <paramref name="group"/> of <paramref name="method"/>, translating a numerical failure.</summary>
    public static T Run<T>(string method, string group, string location, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (NumericalFailureException failure) when (failure.Method is null)
        {
            throw failure.In(method, group, location);
        }
        catch (ExternalException torch) when (Failure(torch) is { } failure)
        {
            throw failure.In(method, group, location);
        }
    }

    /// <summary>Throws a <see cref="NumericalFailureException"/> when <paramref name="input"/> of <paramref name="routine"/> holds NaN or an infinity.</summary>
    public static void EnsureFinite(Tensor input, string routine, string what)
    {
        using var scope = NewDisposeScope();
        var finite = input.isfinite();
        if (finite.all().item<bool>())
        {
            return;
        }

        var count = finite.logical_not().sum().item<long>();
        throw new NumericalFailureException(routine, $"its input, {what}, has {count} non-finite (NaN or infinite) entries of {input.numel()}", NumericalFailureKind.NonFinite);
    }

    /// <summary>The <see cref="NumericalFailureException"/> torch's message describes, or null when it is not a numerical failure.</summary>
    internal static NumericalFailureException? Failure(ExternalException exception)
    {
        var firstLine = exception.Message.Split('\n', 2)[0].Trim();
        var match = LinalgMessage().Match(firstLine);
        if (!match.Success)
        {
            return null;
        }

        var detail = match.Groups["detail"].Value.TrimEnd('.');
        NumericalFailureKind? kind = detail switch
        {
            _ when detail.Contains("non-finite", StringComparison.Ordinal) => NumericalFailureKind.NonFinite,
            _ when detail.Contains("failed to converge", StringComparison.Ordinal)
                || detail.Contains("not positive-definite", StringComparison.Ordinal)
                || detail.Contains("singular", StringComparison.Ordinal) => NumericalFailureKind.Convergence,
            _ => null,
        };
        return kind is { } known ? new NumericalFailureException(match.Groups["routine"].Value, detail, known, exception) : null;
    }

    /// <summary>The group's parameters a weight method reads: those whose axis 0 it acts on (incoming), or all.</summary>
    public static string Parameters(SymmetrySpec spec, string group, bool incomingOnly)
    {
        var names = spec.AxesOf(group).Where(x => !incomingOnly || x.Axis == 0).Select(x => x.Parameter).Distinct().ToList();
        return names.Count == 1 ? $"parameter {names[0]}" : $"parameters {string.Join(", ", names)}";
    }

    /// <summary>Where an activation method's input comes from.</summary>
    public const string Activations = "its activations";

    // "linalg.svd: The algorithm failed to converge ...", "torch.linalg.solve: The solver failed because ...".
    [GeneratedRegex(@"^(?:torch\.)?(?<routine>linalg\.[a-z_]+): (?<detail>.+)$")]
    private static partial Regex LinalgMessage();
}
