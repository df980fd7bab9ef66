using System.Runtime.InteropServices;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// Keeps glibc's heap from holding on to freed tensor memory (Linux only; elsewhere these do nothing). glibc serves a
/// freed large block's successors from its arenas instead of fresh mappings (its mmap threshold rises to the largest
/// block freed, up to 32 MB) and rarely gives arena memory back, so the transient tensors of slerp and evaluation
/// (3072×512 float64, 12.6 MB each) left a CIFAR-10 run at 6–10 GB RSS with a fraction of that live. A fixed threshold
/// maps every block of 8 MB and more on its own, returned to the system when freed. Lower is leaner but slower: each
/// mapping is faulted in afresh (interpolating cifar10-mlp-quick: 1 MB peaks at 0.86 GB with 34 s of system time,
/// 8 MB at 1.16 GB with 23 s, 16 MB at 2.4 GB with 24 s, glibc's default at 9.9 GB with 19 s).
/// </summary>
public static class NativeHeap
{
    /// <summary>Blocks from this size up (8 MB) are mapped on their own and unmapped when freed.</summary>
    public const int MmapThreshold = 8 << 20;

    // glibc's malloc.h: M_MMAP_THRESHOLD.
    private const int MMmapThreshold = -3;

    /// <summary>Fixes glibc's mmap threshold at <see cref="MmapThreshold"/>; call once, at process start, before heavy work.</summary>
    /// <returns>Whether the threshold was set (false off Linux or without glibc).</returns>
    public static bool CapMmapThreshold() => Call(() => mallopt(MMmapThreshold, MmapThreshold) == 1);

    /// <summary>Returns the free memory of every arena to the system (glibc's malloc_trim), e.g. after a unit of work.</summary>
    public static void ReturnFreeMemory() => Call(() => malloc_trim(0) >= 0);

    private static bool Call(Func<bool> native)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return native();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune.
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
