using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>
/// The check every registered method runs before aligning (<see cref="MethodEntry.Create"/>): a NaN or infinite weight
/// in A or B would otherwise surface, if at all, as a factorisation's failure deep in some group.
/// </summary>
public static class FiniteParameters
{
    /// <summary>Throws <see cref="NonFiniteWeightsException"/> for the first parameter of A, then of B, with a non-finite value.</summary>
    public static void Ensure(AlignmentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Ensure(problem.A, "A");
        Ensure(problem.B, "B");
    }

    /// <summary>Runs <paramref name="align"/>, naming the models in a <see cref="NonFiniteWeightsException"/> as the caller knows them.</summary>
    public static T NamingModels<T>(string modelA, string modelB, Func<T> align)
    {
        ArgumentNullException.ThrowIfNull(align);
        try
        {
            return align();
        }
        catch (NonFiniteWeightsException e) when (e.ModelName is null)
        {
            throw e.Naming(modelA, modelB);
        }
    }

    private static void Ensure(ParameterSet parameters, string model)
    {
        foreach (var (name, tensor) in parameters.Entries)
        {
            if (!tensor.is_floating_point())
            {
                continue;
            }

            using var scope = NewDisposeScope();
            var finite = tensor.detach().isfinite();
            if (finite.all().item<bool>())
            {
                continue;
            }

            throw new NonFiniteWeightsException(model, null, name, finite.logical_not().sum().item<long>(), tensor.numel());
        }
    }
}
