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

    private LoadedData(IArchitecture architecture, EvaluationSplit train, EvaluationSplit test, EvaluationSplit trainSubset, List<Tensor> owned)
    {
        Architecture = architecture;
        Train = train;
        Test = test;
        TrainSubset = trainSubset;
        EvaluationSplits = [test, trainSubset];
        _owned = owned;
    }

    public IArchitecture Architecture { get; }

    /// <summary>The whole training split, which models are trained on.</summary>
    public EvaluationSplit Train { get; }

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
        var trainFeatures = splits.Train.Features.to(device).detach().clone();
        var trainLabels = splits.Train.Labels.to(device).detach().clone();
        var testFeatures = splits.Test.Features.to(device).detach().clone();
        var testLabels = splits.Test.Labels.to(device).detach().clone();
        var count = Math.Min(recipe.Evaluation.TrainSubset, splits.Train.Count);
        var subsetFeatures = trainFeatures.narrow(0, 0, count);
        var subsetLabels = trainLabels.narrow(0, 0, count);
        return new LoadedData(
            architecture,
            new EvaluationSplit("train-all", trainFeatures, trainLabels),
            new EvaluationSplit("test", testFeatures, testLabels),
            new EvaluationSplit("train", subsetFeatures, subsetLabels),
            [trainFeatures, trainLabels, testFeatures, testLabels, subsetFeatures, subsetLabels]);
    }

    public void Dispose()
    {
        foreach (var tensor in _owned)
            tensor.Dispose();
    }
}
