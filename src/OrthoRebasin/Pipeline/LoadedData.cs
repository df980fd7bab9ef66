using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>An experiment's data set on the device, its evaluation splits and the architecture sized for it.</summary>
internal sealed class LoadedData : IDisposable
{
    private LoadedData(DatasetSplits splits, IArchitecture architecture, EvaluationSplit test, EvaluationSplit trainSubset)
    {
        Splits = splits;
        Architecture = architecture;
        Test = test;
        TrainSubset = trainSubset;
        EvaluationSplits = [test, trainSubset];
    }

    public DatasetSplits Splits { get; }

    public IArchitecture Architecture { get; }

    public EvaluationSplit Test { get; }

    /// <summary>The first <c>evaluation.train_subset</c> training samples (the split's order is fixed): the <c>train</c> split and the samples whose activations are matched.</summary>
    public EvaluationSplit TrainSubset { get; }

    public IReadOnlyList<EvaluationSplit> EvaluationSplits { get; }

    public static LoadedData Load(PipelineSpec recipe, RunSettings settings, Device device)
    {
        var splits = DatasetRegistry.Load(recipe.Data.Dataset, new DataLocation(settings.DataDir));
        splits.MoveTo(device);
        var architecture = Architectures.Create(recipe.Model, splits.InputSize, splits.Classes);
        var count = Math.Min(recipe.Evaluation.TrainSubset, splits.Train.Count);
        var test = new EvaluationSplit("test", splits.Test.Features, splits.Test.Labels);
        var train = new EvaluationSplit("train", splits.Train.Features.narrow(0, 0, count), splits.Train.Labels.narrow(0, 0, count));
        return new LoadedData(splits, architecture, test, train);
    }

    public void Dispose()
    {
        TrainSubset.Features.Dispose();
        TrainSubset.Labels.Dispose();
        Splits.Dispose();
    }
}
