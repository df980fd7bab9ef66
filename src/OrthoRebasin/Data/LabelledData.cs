using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Data;

/// <summary>Samples and their class labels on the CPU: <c>Features</c> n×d float32, <c>Labels</c> n int64.</summary>
public sealed class LabelledData : IDisposable
{
    /// <summary>Takes ownership of both tensors; they are disposed with this object.</summary>
    public LabelledData(Tensor features, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.dim() != 2 || features.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"Features must be a 2-D float32 tensor; got {features.dtype} of shape [{string.Join(", ", features.shape)}].", nameof(features));
        }

        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Labels must be a 1-D int64 tensor; got {labels.dtype} of shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        if (features.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{features.shape[0]} samples but {labels.shape[0]} labels.", nameof(labels));
        }

        Features = features;
        Labels = labels;
    }

    public Tensor Features { get; }

    public Tensor Labels { get; }

    public int Count => (int)Features.shape[0];

    public int InputSize => (int)Features.shape[1];

    /// <summary>Builds the tensors from row-major features (<c>labels.Length</c> rows of <c>inputSize</c>).</summary>
    public static LabelledData FromArrays(float[] features, long[] labels, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Length != (long)labels.Length * inputSize)
        {
            throw new ArgumentException($"{labels.Length} samples of {inputSize} features need {(long)labels.Length * inputSize} values; got {features.Length}.", nameof(features));
        }

        return new LabelledData(
            torch.tensor(features, [labels.Length, inputSize]),
            torch.tensor(labels));
    }

    /// <summary>The first <paramref name="count"/> samples, as new tensors.</summary>
    public LabelledData Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        using var features = Features.narrow(0, 0, count);
        using var labels = Labels.narrow(0, 0, count);
        return new LabelledData(features.clone(), labels.clone());
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as new tensors.</summary>
    public LabelledData Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var index = new long[indices.Count];
        for (var k = 0; k < index.Length; k++)
        {
            var i = indices[k];
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {i} is outside 0..{Count - 1}.");
            }

            index[k] = i;
        }

        using var indexTensor = torch.tensor(index);
        return new LabelledData(Features.index_select(0, indexTensor), Labels.index_select(0, indexTensor));
    }

    /// <summary>The labels copied out of the tensor.</summary>
    public long[] LabelArray() => Labels.data<long>().ToArray();

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
