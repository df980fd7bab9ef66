using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>An experiment's data set on the device, its evaluation splits and the architecture sized for it.</summary>
internal sealed class LoadedData : IDisposable
{
    private readonly List<Tensor> _owned;

    private LoadedData(IArchitecture architecture, EvaluationSplit train, EvaluationSplit? validation, EvaluationSplit test, EvaluationSplit trainSubset, List<Tensor> owned)
    {
        Architecture = architecture;
        Train = train;
        Validation = validation;
        Test = test;
        TrainSubset = trainSubset;
        EvaluationSplits = [test, trainSubset];
        _owned = owned;
    }

    public IArchitecture Architecture { get; }

    /// <summary>The training split less the validation samples: what models are trained on.</summary>
    public EvaluationSplit Train { get; }

    /// <summary>The last <c>data.validation</c> samples of the training split, or null when none are held out.</summary>
    public EvaluationSplit? Validation { get; }

    public EvaluationSplit Test { get; }

    /// <summary>
    /// The first <c>evaluation.train_subset</c> training samples (the split's order is fixed): the <c>train</c>
    /// evaluation split, and the samples whose activations activation-based methods match.
    /// </summary>
    public EvaluationSplit TrainSubset { get; }

    public IReadOnlyList<EvaluationSplit> EvaluationSplits { get; }

    public static LoadedData Load(PipelineSpec recipe, RunSettings settings, Device device)
    {
        using var splits = DatasetRegistry.Load(recipe.Data.Dataset, new DataLocation(settings.DataDir));
        var architecture = Architectures.Create(recipe.Model, splits.InputSize, splits.Classes);
        var held = recipe.Data.Validation;
        if (held >= splits.Train.Count)
            throw new ArgumentException($"data.validation is {held}, but {recipe.Data.Dataset} has only {splits.Train.Count} training samples: hold out fewer.");
        var kept = splits.Train.Count - held;
        var allFeatures = splits.Train.Features.to(device).detach().clone();
        var allLabels = splits.Train.Labels.to(device).detach().clone();
        var owned = new List<Tensor> { allFeatures, allLabels };
        Tensor Own(Tensor tensor)
        {
            owned.Add(tensor);
            return tensor;
        }
        var train = new EvaluationSplit("train-all", Own(allFeatures.narrow(0, 0, kept)), Own(allLabels.narrow(0, 0, kept)));
        var validation = held > 0 ? new EvaluationSplit("validation", Own(allFeatures.narrow(0, kept, held)), Own(allLabels.narrow(0, kept, held))) : null;
        var test = new EvaluationSplit("test", Own(splits.Test.Features.to(device).detach().clone()), Own(splits.Test.Labels.to(device).detach().clone()));
        var count = Math.Min(recipe.Evaluation.TrainSubset, kept);
        var subset = new EvaluationSplit("train", Own(allFeatures.narrow(0, 0, count)), Own(allLabels.narrow(0, 0, count)));
        return new LoadedData(architecture, train, validation, test, subset, owned);
    }

    public void Dispose()
    {
        foreach (var tensor in _owned)
            tensor.Dispose();
    }
}
