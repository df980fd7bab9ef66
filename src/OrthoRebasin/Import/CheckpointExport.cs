using System.Collections.Specialized;
using OrthoRebasin.IO;
using OrthoRebasin.Parameters;
using PyTorchPickler = TorchSharp.PyBridge.PyTorchPickler;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>
/// Writes a parameter set the way a checkpoint stored it (<see cref="CheckpointLayout"/>): every tensor under the
/// checkpoint's name and in its dtype, and the tensors the import carried through (BatchNorm counters) put back, so the
/// module the checkpoint came from loads the file with <c>load_state_dict</c>. A model aligned here thus goes back to
/// the user's PyTorch code as if it had been trained there.
/// </summary>
public static class CheckpointExport
{
    /// <summary>
    /// A PyTorch state dict that <c>torch.load</c> reads as a dictionary of tensors (through TorchSharp.PyBridge's
    /// pickler), in the parameter set's order. A training checkpoint's other entries (epoch, optimiser) are not written:
    /// the file is the model's state dict alone.
    /// </summary>
    public static void SavePyTorch(string path, ParameterSet parameters, CheckpointLayout layout)
    {
        var tensors = Restored(parameters, layout);
        try
        {
            var dictionary = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var (name, tensor) in tensors)
            {
                dictionary.Add(name, tensor);
            }

            AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, dictionary, leaveOpen: true));
        }
        finally
        {
            Dispose(tensors);
        }
    }

    /// <summary>The same state dict as a safetensors file (<see cref="Safetensors.Save"/>), for <c>safetensors.torch.load_file</c>.</summary>
    public static void SaveSafetensors(string path, ParameterSet parameters, CheckpointLayout layout, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var tensors = Restored(parameters, layout);
        try
        {
            Safetensors.Save(path, tensors, metadata);
        }
        finally
        {
            Dispose(tensors);
        }
    }

    /// <summary>
    /// Every parameter under its checkpoint name in its checkpoint dtype, then the carried tensors: new tensors the caller
    /// disposes. A parameter the layout does not know means the set is not the checkpoint's model.
    /// </summary>
    public static List<KeyValuePair<string, Tensor>> Restored(ParameterSet parameters, CheckpointLayout layout)
    {
        var unknown = parameters.Names.Where(n => layout.Find(n) is null).ToList();
        var absent = layout.Tensors.Select(t => t.ProjectName).Where(n => !parameters.Contains(n)).ToList();
        if (unknown.Count > 0 || absent.Count > 0)
        {
            throw new ArgumentException(unknown.Count > 0
                ? $"Parameter '{unknown[0]}' has no name in the checkpoint's layout ({layout.RecognisedAs}); the set is not the imported model's."
                : $"The checkpoint's layout has '{absent[0]}', which the parameter set lacks; the set is not the imported model's.");
        }

        var restored = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, tensor) in parameters.Entries)
        {
            var entry = layout.Find(name)!;
            using var detached = tensor.detach();
            using var cpu = detached.cpu();
            restored.Add(KeyValuePair.Create(entry.SourceName, cpu.to(entry.OriginalDtype).contiguous().clone()));
        }

        restored.AddRange(layout.Carried.Select(c => KeyValuePair.Create(c.Key, c.Value.clone())));
        return restored;
    }

    private static void Dispose(List<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (_, tensor) in tensors)
        {
            tensor.Dispose();
        }
    }
}
