using TorchSharp;
using static TorchSharp.torch;

namespace OrthoRebasin.Parameters;

/// <summary>
/// A network's parameters by name (PyTorch state-dict names), in a fixed order. Owns its tensors.
/// Models are functions of a parameter set, so aligning, interpolating and evaluating never touch a module.
/// </summary>
public sealed class ParameterSet : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _entries;

    public ParameterSet(IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        _entries = entries.ToList();
        var duplicate = _entries.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Parameter '{duplicate.Key}' appears twice.", nameof(entries));
        }
    }

    public IEnumerable<string> Names => _entries.Select(e => e.Key);

    public IEnumerable<KeyValuePair<string, Tensor>> Entries => _entries;

    public int Count => _entries.Count;

    public Tensor this[string name] =>
        _entries.FirstOrDefault(e => e.Key == name).Value
        ?? throw new KeyNotFoundException($"No parameter '{name}'; this set has: {string.Join(", ", Names)}.");

    public bool Contains(string name) => _entries.Any(e => e.Key == name);

    /// <summary>A new set with <paramref name="map"/> applied to every tensor (the result must be a new tensor).</summary>
    public ParameterSet Map(Func<string, Tensor, Tensor> map) =>
        new(_entries.Select(e => KeyValuePair.Create(e.Key, map(e.Key, e.Value))));

    /// <summary>A new set combining this and <paramref name="other"/> tensor by tensor (same names, same order).</summary>
    public ParameterSet Zip(ParameterSet other, Func<Tensor, Tensor, Tensor> combine)
    {
        EnsureSameLayout(other);
        return new(_entries.Select(e => KeyValuePair.Create(e.Key, combine(e.Value, other[e.Key]))));
    }

    /// <summary>A detached copy that shares nothing with this set.</summary>
    public ParameterSet Clone() => Map((_, t) =>
    {
        using var detached = t.detach();
        return detached.clone();
    });

    /// <summary>Euclidean distance between the flattened parameter vectors.</summary>
    public double DistanceTo(ParameterSet other)
    {
        EnsureSameLayout(other);
        using var scope = NewDisposeScope();
        var sum = 0.0;
        foreach (var (name, tensor) in _entries)
        {
            sum += (tensor.to(float64) - other[name].to(float64)).square().sum().item<double>();
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Throws unless <paramref name="other"/> has the same names, order and shapes.</summary>
    public void EnsureSameLayout(ParameterSet other)
    {
        if (!Names.SequenceEqual(other.Names))
        {
            throw new ArgumentException($"Parameter sets differ: [{string.Join(", ", Names)}] vs [{string.Join(", ", other.Names)}].");
        }

        foreach (var (name, tensor) in _entries)
        {
            if (!tensor.shape.SequenceEqual(other[name].shape))
            {
                throw new ArgumentException($"Parameter '{name}' has shape [{string.Join(", ", tensor.shape)}] in one set and [{string.Join(", ", other[name].shape)}] in the other.");
            }
        }
    }

    /// <summary>
    /// Replaces one tensor in place, disposing the old one: for a correction that folds into one layer while a forward
    /// pass reads the set (<see cref="Models.IArchitecture.ForwardCorrecting"/>). Everything else treats a set as immutable.
    /// </summary>
    internal void Replace(string name, Tensor tensor)
    {
        var index = _entries.FindIndex(e => e.Key == name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"No parameter '{name}'; this set has: {string.Join(", ", Names)}.");
        }

        _entries[index].Value.Dispose();
        _entries[index] = KeyValuePair.Create(name, tensor);
    }

    /// <summary>Moves every tensor out of the current dispose scope so the set outlives it.</summary>
    public ParameterSet MoveToOuterDisposeScope()
    {
        foreach (var (_, tensor) in _entries)
        {
            tensor.MoveToOuterDisposeScope();
        }

        return this;
    }

    public void Dispose()
    {
        foreach (var (_, tensor) in _entries)
        {
            tensor.Dispose();
        }
    }
}
