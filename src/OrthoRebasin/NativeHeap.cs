using System.Runtime.InteropServices;

namespace OrthoRebasin;

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

    /// <summary>While training, blocks up to this size (64 MB) come from the arenas and are used again step after step.</summary>
    public const int TrainingMmapThreshold = 64 << 20;

    /// <summary>While training, the free top of an arena is given back to the system only above this size (256 MB).</summary>
    public const int TrainingTrimThreshold = 256 << 20;

    // glibc's malloc.h: M_TRIM_THRESHOLD and M_MMAP_THRESHOLD; 128 KB is glibc's default trim threshold.
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int DefaultTrimThreshold = 128 << 10;

    private static readonly Lock Gate = new();
    private static int _training;

    /// <summary>Fixes glibc's mmap threshold at <see cref="MmapThreshold"/>; call once, at process start, before heavy work.</summary>
    /// <returns>Whether the threshold was set (false off Linux or without glibc).</returns>
    public static bool CapMmapThreshold() => Call(() => mallopt(MMmapThreshold, MmapThreshold) == 1);

    /// <summary>
    /// Until the returned scope is disposed, lets freed blocks up to <see cref="TrainingMmapThreshold"/> stay in the heap
    /// (and its free top up to <see cref="TrainingTrimThreshold"/>) for the next step to use again. A training step
    /// allocates the same activations every time; under <see cref="CapMmapThreshold"/> (whose fixed threshold also leaves
    /// glibc's trim threshold at 128 KB) each was mapped or grown afresh and faulted in page by page: 1.6 million page
    /// faults in three VGG-11 epochs of 5,000 images, a quarter of the step's time, against 0.05 million with these
    /// (bench/README.md). Concurrent scopes nest; when the last ends, the heap returns to <see cref="CapMmapThreshold"/>'s
    /// settings and gives its free memory back (<see cref="ReturnFreeMemory"/>), so a later stage starts lean.
    /// </summary>
    public static IDisposable Training()
    {
        lock (Gate)
        {
            if (_training++ == 0)
            {
                Call(() => mallopt(MMmapThreshold, TrainingMmapThreshold) == 1 && mallopt(MTrimThreshold, TrainingTrimThreshold) == 1);
            }
        }

        return new Scope();
    }

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

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            lock (Gate)
            {
                if (--_training == 0)
                {
                    Call(() => mallopt(MMmapThreshold, MmapThreshold) == 1 && mallopt(MTrimThreshold, DefaultTrimThreshold) == 1);
                    ReturnFreeMemory();
                }
            }
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
