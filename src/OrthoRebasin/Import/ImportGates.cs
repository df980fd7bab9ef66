using System.Runtime.InteropServices;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>
/// Checks that an imported model is the model it is declared to be, on a probe batch, before anything is aligned or
/// interpolated, and that an exact alignment kept B's function. Each compares logits in evaluation mode by their
/// relative difference max|y − y'| / max|y| and fails beyond <see cref="Tolerance"/>, with the cause that most likely
/// explains it.
/// </summary>
public static class ImportGates
{
    /// <summary>Float32 rounding through a small network stays well inside this; a broken symmetry or a wrong weight is far outside.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>max|y − y'| / max|y| (against 1 where y is all zeros), in float64; infinite when either is not finite.</summary>
    public static double RelativeDifference(Tensor reference, Tensor other)
    {
        using var scope = NewDisposeScope();
        var y = reference.to(float64);
        var z = other.to(float64);
        if (!y.isfinite().all().item<bool>() || !z.isfinite().all().item<bool>())
        {
            return double.PositiveInfinity;
        }

        var scale = y.abs().max().item<double>();
        return (y - z).abs().max().item<double>() / (scale > 0 ? scale : 1);
    }

    /// <summary>
    /// Applies a random element of each symmetry group of <paramref name="declared"/> (the architecture's own spec by
    /// default) on its own, a random permutation or, for an orthogonal group, a random rotation, and checks that the
    /// logits on <paramref name="probe"/> do not move. Throws a <see cref="CheckpointImportException"/> naming the first
    /// group that moves them; otherwise returns each group's measured relative difference, by group name.
    /// </summary>
    /// <remarks>
    /// The architectures here are symmetric under their own specs for every value of their weights (their tests show
    /// it), so with the built-in spec this gate catches what breaks a symmetry in the weights themselves: NaN or infinite
    /// weights, or a spec that does not fit the parameter shapes. It cannot see a mapping that put a well-shaped tensor
    /// in the wrong place: the model is then a different but still symmetric one. <see cref="CheckReference"/> catches
    /// that, given the logits the checkpoint's own module computed. A declared spec (for a model imported with a
    /// symmetry of its own) is checked for what it claims.
    /// </remarks>
    public static IReadOnlyDictionary<string, double> CheckSymmetries(IArchitecture architecture, ParameterSet parameters, Tensor probe, string source, int seed = 0, SymmetrySpec? declared = null)
    {
        var spec = declared ?? architecture.Symmetry;
        using var _ = no_grad();
        using var reference = Evaluator.Logits(architecture, parameters, probe);
        if (!reference.isfinite().all().item<bool>())
        {
            throw new CheckpointImportException(source, $"the imported model's logits on the probe batch are not finite: the checkpoint holds NaN or infinite weights, or a tensor is mapped where another belongs.");
        }

        var random = new Random(seed);
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            using var scope = NewDisposeScope();
            var matrices = spec.Groups.ToDictionary(g => g.Name, g => g.Name == group.Name ? RandomElement(g, random) : eye(g.Size, dtype: float64));
            using var transforms = new GroupTransforms(matrices);
            ParameterSet moved;
            try
            {
                moved = transforms.Apply(spec, parameters);
            }
            catch (Exception ex) when (ex is ArgumentException or ExternalException or InvalidOperationException)
            {
                throw new CheckpointImportException(source, $"symmetry group {group.Name} ({group.Size} units) does not fit the imported parameters ({FirstLine(ex.Message)}): the declared symmetry is not one of {architecture.Describe()}.");
            }

            using (moved)
            {
                var logits = Evaluator.Logits(architecture, moved, probe);
                var difference = RelativeDifference(reference, logits);
                if (!(difference <= Tolerance))
                {
                    throw new CheckpointImportException(source, $"symmetry group {group.Name} ({Describe(group)}) is not a symmetry of the imported model: a random element of it moves the logits on the probe batch by {difference:G3} (relative; at most {Tolerance:G1} allowed). {Cause(group, parameters)}");
                }

                measured[group.Name] = difference;
            }
        }

        return measured;
    }

    /// <summary>
    /// Checks that the imported model computes what the checkpoint's own module computed: its logits on
    /// <paramref name="probe"/> against <paramref name="referenceLogits"/>, produced from the same inputs by the module
    /// that saved the checkpoint. Catches a mapping that put a well-shaped tensor in the wrong place (two equal layers
    /// swapped, a weight stored transposed) and a module with a layer the declared architecture does not have. Returns
    /// the measured relative difference.
    /// </summary>
    public static double CheckReference(IArchitecture architecture, ParameterSet parameters, Tensor probe, Tensor referenceLogits, string source)
    {
        using var logits = Evaluator.Logits(architecture, parameters, probe);
        if (!logits.shape.SequenceEqual(referenceLogits.shape))
        {
            throw new CheckpointImportException(source, $"the reference logits have shape [{string.Join(", ", referenceLogits.shape)}] but {architecture.Describe()} gives [{string.Join(", ", logits.shape)}] on the probe batch: the reference was computed on other inputs or for another model.");
        }

        var difference = RelativeDifference(referenceLogits, logits);
        if (!(difference <= Tolerance))
        {
            throw new CheckpointImportException(source, $"the imported {architecture.Describe()} does not compute what the checkpoint's module computed: its logits on the probe batch differ by {difference:G3} (relative; at most {Tolerance:G1} allowed). Most likely the mapping puts a tensor where another belongs (two layers of one shape swapped, a weight stored transposed), or the module has a layer {architecture.Describe()} does not have (a normalisation, another activation).");
        }

        return difference;
    }

    /// <summary>
    /// After an exact alignment (a transform of B by B's own symmetries), checks that the aligned model B' computes B's
    /// function on <paramref name="probe"/>: an exact method that does not keep it has met weights its symmetry does not
    /// hold for, and every curve built on B' would measure something else. Returns the measured relative difference.
    /// </summary>
    public static double CheckSameFunction(IArchitecture architecture, ParameterSet aligned, ParameterSet b, Tensor probe, string method, string source)
    {
        using var _ = no_grad();
        using var reference = Evaluator.Logits(architecture, b, probe);
        using var logits = Evaluator.Logits(architecture, aligned, probe);
        var difference = RelativeDifference(reference, logits);
        if (!(difference <= Tolerance))
        {
            throw new CheckpointImportException(source, $"after aligning with {method}, which is exact, B' does not compute B's function: the logits on the probe batch differ by {difference:G3} (relative; at most {Tolerance:G1} allowed). The declared symmetry does not hold for these weights: check the mapping and the declared model, or align with a method that is not exact and read its curve as such.");
        }

        return difference;
    }

    /// <summary>A random permutation other than the identity (for two or more units), or a Haar-random rotation.</summary>
    private static Tensor RandomElement(SymmetryGroup group, Random random)
    {
        if (group.Kind == GroupKind.Orthogonal)
        {
            using var generator = new Generator((ulong)random.NextInt64(1, long.MaxValue));
            using var scope = NewDisposeScope();
            var (q, r) = linalg.qr(randn(group.Size, group.Size, dtype: float64, generator: generator));
            return (q * r.diagonal().sign().unsqueeze(0)).MoveToOuterDisposeScope();
        }

        var identity = Enumerable.Range(0, group.Size).ToArray();
        var permutation = identity.ToArray();
        while (group.Size > 1 && permutation.SequenceEqual(identity))
        {
            random.Shuffle(permutation);
        }

        return GroupTransforms.PermutationMatrix(permutation);
    }

    private static string Describe(SymmetryGroup group) =>
        $"{(group.Kind == GroupKind.Orthogonal ? "rotations" : "permutations")} of {group.Size} units";

    private static string Cause(SymmetryGroup group, ParameterSet parameters) =>
        group.Kind == GroupKind.Orthogonal && group.RotationBlockedBy is { } blocker && parameters.Contains(blocker)
            ? $"'{blocker}' scales the units one by one, so only permutations are symmetries; declare the group as permutations."
            : group.Kind == GroupKind.Orthogonal
                ? "A rotation is a symmetry only where nothing acts on the units one by one (a relu, a per-unit scale); declare the group as permutations, or check that the model has no such layer."
                : "Most likely the mapping put a tensor where another belongs (two layers swapped, a weight stored transposed), or the checkpoint's module has a layer the declared model does not have (a normalisation, a gain, another activation).";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
