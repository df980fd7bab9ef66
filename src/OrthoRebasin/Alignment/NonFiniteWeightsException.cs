namespace OrthoRebasin.Alignment;

/// <summary>
/// Model A or B of an alignment has NaN or infinite values in a parameter, found before any method runs
/// (<see cref="FiniteParameters.Ensure"/>). One line naming the model, the parameter and the fix.
/// </summary>
public sealed class NonFiniteWeightsException : UserErrorException
{
    public NonFiniteWeightsException(string model, string? modelName, string parameter, long count, long total)
        : base($"model {model}{(modelName is null ? "" : $" ({modelName})")} has {count} non-finite (NaN or infinite) values of {total} in parameter '{parameter}': "
            + "retrain it (training stops on divergence) or check the imported checkpoint; no method can align a model that computes NaN.")
    {
        Model = model;
        ModelName = modelName;
        Parameter = parameter;
        Count = count;
        Total = total;
    }

    /// <summary>"A" or "B".</summary>
    public string Model { get; }

    /// <summary>How the caller knows the model (the pipeline says <c>seed 2</c>), or null.</summary>
    public string? ModelName { get; }

    public string Parameter { get; }

    /// <summary>How many values are NaN or infinite.</summary>
    public long Count { get; }

    public long Total { get; }

    /// <summary>The same failure, with the model named as the caller knows it.</summary>
    public NonFiniteWeightsException Naming(string modelA, string modelB) =>
        new(Model, Model == "A" ? modelA : modelB, Parameter, Count, Total);
}
