using System.Collections;
using static TorchSharp.torch;

namespace OrthoRebasin.Alignment;

/// <summary>The activations of every group's units on the fixed samples, owned: disposing the set frees the tensors.</summary>
public sealed class ActivationSet(IReadOnlyDictionary<string, Tensor> activations) : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    public Tensor this[string key] => activations[key];

    public IEnumerable<string> Keys => activations.Keys;

    public IEnumerable<Tensor> Values => activations.Values;

    public int Count => activations.Count;

    public bool ContainsKey(string key) => activations.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value) => activations.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => activations.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var tensor in activations.Values)
        {
            tensor.Dispose();
        }
    }
}
