using System.Collections;
using System.Runtime.InteropServices;
using OrthoRebasin.IO;
using PyTorchUnpickler = TorchSharp.PyBridge.PyTorchUnpickler;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>
/// Reads the tensors of a checkpoint written outside this project, by name and in the file's own dtypes: a PyTorch
/// state dict (<c>torch.save(model.state_dict(), path)</c>, extensions <c>.pt</c>, <c>.pth</c>, <c>.bin</c>) through
/// TorchSharp.PyBridge's unpickler, or a safetensors file through <see cref="Safetensors"/>. A PyTorch file that holds a
/// training checkpoint, a dictionary with the state dict under one key (<c>{"state_dict": ...}</c>,
/// <c>{"model": ...}</c>), is opened at that key.
/// </summary>
public static class TensorFiles
{
    /// <summary>The keys under which training scripts commonly store the state dict in a larger dictionary.</summary>
    public static IReadOnlyList<string> WrapperKeys { get; } = ["state_dict", "model_state_dict", "model", "module", "net", "network", "weights", "params"];

    /// <summary>The extensions read as PyTorch pickles; every other one but <c>.safetensors</c> is refused.</summary>
    public static IReadOnlyList<string> PyTorchExtensions { get; } = [".pt", ".pth", ".bin"];

    /// <summary>
    /// The tensors of <paramref name="path"/> by name, on the CPU, each in its stored dtype, and the key of the
    /// dictionary that wrapped them (null for a bare state dict or a safetensors file). The caller owns the tensors.
    /// </summary>
    /// <remarks>
    /// A PyTorch file's order is not kept: the unpickler returns its dictionary as a hash table, so the tensors come back
    /// in ordinal order of their names. Nothing downstream relies on the file's order.
    /// </remarks>
    public static (List<KeyValuePair<string, Tensor>> Tensors, string? WrapperKey) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, "file not found. Check the path.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".safetensors")
        {
            return (Safetensors.LoadTensors(path).Tensors, null);
        }

        if (!PyTorchExtensions.Contains(extension))
        {
            throw new CheckpointException(path, $"unknown checkpoint extension '{extension}'; a PyTorch state dict ends in {string.Join(", ", PyTorchExtensions)}, a safetensors file in .safetensors.");
        }

        return ReadPyTorch(path);
    }

    private static (List<KeyValuePair<string, Tensor>> Tensors, string? WrapperKey) ReadPyTorch(string path)
    {
        Hashtable root;
        try
        {
            using var stream = File.OpenRead(path);
            root = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception ex) when (IsUnreadableFile(ex))
        {
            // The unpickler's own messages say what it met (a whole pickled module, the pre-1.6 format, a class it cannot build).
            throw new CheckpointException(path, $"not readable as a PyTorch state dict ({ex.GetType().Name}: {FirstLine(ex.Message)}). Save it with torch.save(model.state_dict(), path) in PyTorch 1.6 or later.");
        }

        if (IsStateDict(root))
        {
            return (Tensors(root), null);
        }

        var wrapped = WrapperKeys.Where(k => root[k] is Hashtable inner && IsStateDict(inner)).ToList();
        if (wrapped.Count == 1)
        {
            var key = wrapped[0];
            DisposeTensorsExcept(root, (Hashtable)root[key]!);
            return (Tensors((Hashtable)root[key]!), key);
        }

        var keys = root.Keys.Cast<object>().Select(k => k.ToString() ?? "").Order(StringComparer.Ordinal).ToList();
        DisposeTensorsExcept(root, null);
        throw new CheckpointException(path, wrapped.Count > 1
            ? $"a dictionary with a state dict under each of {string.Join(", ", wrapped.Select(k => $"'{k}'"))}; save the one to import with torch.save(model.state_dict(), path)."
            : $"a dictionary with keys [{string.Join(", ", keys)}] and no state dict under any of {string.Join(", ", WrapperKeys.Select(k => $"'{k}'"))}; save it with torch.save(model.state_dict(), path).");
    }

    /// <summary>
    /// What the unpickler throws on a file that is not a state dict it can read: its own refusals (not implemented: the
    /// legacy format, a whole pickled module), a damaged archive, a pickle it cannot follow, a root that is not a
    /// dictionary. Anything else (TorchSharp failing to start, say) is not the file's fault and is left to propagate.
    /// </summary>
    private static bool IsUnreadableFile(Exception ex) =>
        ex is NotImplementedException or InvalidDataException or InvalidOperationException or InvalidCastException or IOException
            or ArgumentException or KeyNotFoundException or IndexOutOfRangeException or ExternalException
        || ex.GetType().Namespace?.StartsWith("Razorvine.Pickle", StringComparison.Ordinal) == true;

    /// <summary>A dictionary of tensors by name, at least one: what <c>model.state_dict()</c> pickles to.</summary>
    private static bool IsStateDict(Hashtable table) =>
        table.Count > 0 && table.Keys.Cast<object>().All(k => k is string) && table.Values.Cast<object?>().All(v => v is Tensor);

    private static List<KeyValuePair<string, Tensor>> Tensors(Hashtable table) =>
        [.. table.Keys.Cast<string>().Order(StringComparer.Ordinal).Select(k => KeyValuePair.Create(k, (Tensor)table[k]!))];

    /// <summary>Frees the tensors of a training checkpoint that are not imported (an optimiser's state, another model).</summary>
    private static void DisposeTensorsExcept(Hashtable table, Hashtable? keep)
    {
        foreach (var value in table.Values)
        {
            if (value is Tensor tensor)
            {
                tensor.Dispose();
            }
            else if (value is Hashtable inner && !ReferenceEquals(inner, keep))
            {
                DisposeTensorsExcept(inner, keep);
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
