using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class NativeHeapTests
{
    [Fact]
    public void The_mmap_threshold_is_set_on_Linux_and_trimming_is_harmless()
    {
        // Given / When
        var set = NativeHeap.CapMmapThreshold();
        NativeHeap.ReturnFreeMemory();

        // Then: glibc accepts the setting (this project's machines are glibc Linux); elsewhere nothing happens
        Assert.Equal(OperatingSystem.IsLinux(), set);
    }
}
