using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class ThreadWaitingTests
{
    [Fact]
    public void Passive_waiting_reaches_the_native_environment_the_OpenMP_runtime_reads()
    {
        // Given this process, whose libtorch may already be loaded (the setting matters for the next process's start)

        // When
        var passive = ThreadWaiting.PreferPassive();

        // Then, unless the environment chose another policy, the native environment says PASSIVE
        var chosen = Environment.GetEnvironmentVariable(ThreadWaiting.Variable);
        Assert.Equal(string.Equals(chosen, ThreadWaiting.Passive, StringComparison.OrdinalIgnoreCase), passive);
        if (passive && OperatingSystem.IsLinux())
        {
            Assert.Equal(ThreadWaiting.Passive, ThreadWaiting.NativeValue(), ignoreCase: true);
        }
    }
}
