using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// An experiment's data set on the device, its evaluation splits and the architecture sized for it. The training samples
/// stay uint8 (<see cref="LabelledData"/>): the trainer makes float features one batch at a time. The evaluation splits
/// (test, the fixed training subset, validation) are float32 once: they are evaluated again at every λ of every path (or
/// every epoch), they are small beside the training set (CIFAR-10: 10,000 + 2,000 + 5,000 samples, 210 MB at most,
/// against 600 MB for the 50,000 training samples as float32), and converting them each time would redo the same work.
/// </summary>
internal sealed class LoadedData : IDisposable
{
    private readonly List<IDisposable> _owned;

    private LoadedData(IArchitecture architecture, LabelledData train, EvaluationSplit? validation, EvaluationSplit test, EvaluationSplit trainSubset, List<IDisposable> owned)
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
    public LabelledData Train { get; }

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
        var architecture = Architectures.Registry.Get(recipe.Model.Architecture).Create(recipe.Model.Options, splits.Shape, splits.Classes);
        var held = recipe.Data.Validation;
        if (held >= splits.Train.Count)
        {
            throw new UserErrorException($"data.validation is {held}, but {recipe.Data.Dataset} has only {splits.Train.Count} training samples: hold out fewer.");
        }

        var kept = splits.Train.Count - held;
        var owned = new List<IDisposable>();
        try
        {
            // On the CPU, new handles to the loaded storage (no copy); on another device, one uint8 copy there.
            var all = Own(splits.Train.To(device));
            var trained = recipe.Data.TrainSamples == 0 ? kept : recipe.Data.TrainSamples;
            if (trained > kept)
            {
                throw new UserErrorException($"data.train_samples is {trained}, but {recipe.Data.Dataset} keeps {kept} training samples after the validation hold-out: use at most {kept}, or 0 for all of them.");
            }

            if (recipe.Data.Standardise)
            {
                using var trainedSamples = all.Slice(0, trained);
                all = Own(all.WithStandardisation(InputStandardisation.Of(trainedSamples)));
            }

            var tested = recipe.Evaluation.TestSubset == 0 ? splits.Test.Count : Math.Min(recipe.Evaluation.TestSubset, splits.Test.Count);
            var train = Own(all.Slice(0, trained));
            var validation = held > 0 ? Evaluation("validation", all.Slice(kept, held)) : null;
            var testSplit = splits.Test.To(device);
            if (all.Standardisation is { } standardisation)
            {
                var unstandardised = testSplit;
                testSplit = unstandardised.WithStandardisation(standardisation);
                unstandardised.Dispose();
            }

            var test = Evaluation("test", tested == splits.Test.Count ? testSplit : Own(testSplit).Slice(0, tested));
            var subset = Evaluation("train", all.Slice(0, Math.Min(recipe.Evaluation.TrainSubset, kept)));
            return new LoadedData(architecture, train, validation, test, subset, owned);
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }

        T Own<T>(T disposable)
            where T : IDisposable
        {
            owned.Add(disposable);
            return disposable;
        }

        EvaluationSplit Evaluation(string name, LabelledData samples)
        {
            using (samples)
            {
                return new EvaluationSplit(name, Own(samples.Features()), Own(samples.Labels.alias()));
            }
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
