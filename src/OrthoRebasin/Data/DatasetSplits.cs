namespace OrthoRebasin.Data;

/// <summary>A data set's training and test samples, with what a model needs to know about their shape.</summary>
public sealed class DatasetSplits : IDisposable
{
    /// <summary>Takes ownership of both splits; they are disposed with this object.</summary>
    public DatasetSplits(string id, string description, LabelledData train, LabelledData test, int classes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (train.InputSize != test.InputSize)
        {
            throw new ArgumentException($"Train has {train.InputSize} features per sample but test has {test.InputSize}.", nameof(test));
        }

        if (train.Shape != test.Shape || train.Scale != test.Scale)
        {
            throw new ArgumentException($"Train holds {train.Shape} images scaled by 1/{train.Scale} but test {test.Shape} scaled by 1/{test.Scale}.", nameof(test));
        }

        Id = id;
        Description = description;
        Train = train;
        Test = test;
        Classes = classes;
    }

    public string Id { get; }

    public string Description { get; }

    public LabelledData Train { get; }

    public LabelledData Test { get; }

    public int InputSize => Train.InputSize;

    /// <summary>How a sample lies as an image (channels, height, width): what augmentation needs.</summary>
    public ImageShape Shape => Train.Shape;

    public int Classes { get; }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
