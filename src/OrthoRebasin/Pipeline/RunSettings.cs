namespace OrthoRebasin.Pipeline;

/// <summary>How a run executes, as opposed to what it computes (the manifest).</summary>
/// <param name="ArtifactsRoot">Folder that holds <c>&lt;experiment&gt;/…</c> outputs.</param>
/// <param name="Device">CPU (default) or CUDA (needs TorchSharp's CUDA package; see README); recorded as <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Threads">Intra-op threads; 0 means one per core. Recorded, and part of the training key: results differ by ~1e-7 across thread counts.</param>
/// <param name="DataDir">Folder of pre-downloaded data sets; the embedded UCI digits ignore it.</param>
public sealed record RunSettings(string ArtifactsRoot, ComputeDevice Device = ComputeDevice.Cpu, int Threads = 0, string? DataDir = null)
{
    /// <summary>
    /// How long to wait for the experiment's lock while another run holds it (zero: refuse at once; at most
    /// <see cref="RunLock.MaxWaitSeconds"/>). How a run waits, not what it computes: in no cache key, not recorded.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
