using System.Runtime.InteropServices;

namespace OrthoRebasin.Tests;

public sealed class NativeHeapTests
{
    private const int Page = 4096;

    [Fact]
    public void The_mmap_threshold_is_set_on_Linux_and_trimming_is_harmless()
    {
        // Given / When
        var set = NativeHeap.CapMmapThreshold();
        NativeHeap.ReturnFreeMemory();

        // Then: glibc accepts the setting (this project's machines are glibc Linux); elsewhere nothing happens
        Assert.Equal(OperatingSystem.IsLinux(), set);
    }

    [Fact]
    public void Inside_a_training_scope_a_freed_large_block_is_used_again_without_faulting_its_pages_in_afresh()
    {
        // Given the CLI's heap settings, under which a 16 MB block is mapped on its own and faulted in page by page
        NativeHeap.CapMmapThreshold();
        const int size = 16 << 20;

        // When, inside a training scope, such a block is written, freed, and a second one of its size allocated and written
        long faults;
        using (NativeHeap.Training())
        {
            // The least of three tries: another test's trim of the heap between a free and the next allocation is a race.
            faults = Enumerable.Range(0, 3).Min(_ => FaultsOfTheSecondBlock(size));
        }

        // Then the second block found its pages already there (each would fault once if mapped afresh; off Linux no
        // fault is counted and the scope does nothing, which the test above covers)
        Assert.True(faults < size / Page / 10, $"{faults} page faults writing a reused {size >> 20} MB block (of {size / Page} pages)");
    }

    private static long FaultsOfTheSecondBlock(int size)
    {
        Touch(size, measure: false);
        return Touch(size, measure: true);
    }

    /// <summary>Allocates <paramref name="size"/> bytes, writes one byte per page, frees them; the calling thread's minor faults meanwhile.</summary>
    private static long Touch(int size, bool measure)
    {
        var before = measure ? MinorFaults() : 0;
        var block = Marshal.AllocHGlobal(size);
        try
        {
            for (var offset = 0; offset < size; offset += Page)
            {
                Marshal.WriteByte(block, offset, 1);
            }

            return measure ? MinorFaults() - before : 0;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    /// <summary>The calling thread's minor page faults (getrusage RUSAGE_THREAD: ru_minflt, the ninth 64-bit field); 0 off Linux.</summary>
    private static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var usage = new long[18];
        Assert.Equal(0, getrusage(1, usage));
        return usage[8];
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int getrusage(int who, [Out] long[] usage);
}
