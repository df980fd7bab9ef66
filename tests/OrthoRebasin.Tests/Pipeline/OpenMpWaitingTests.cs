using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

public sealed class OpenMpWaitingTests
{
    [Fact]
    public void The_short_spin_reaches_the_native_environment_unless_the_user_chose_a_wait()
    {
        // Given this process's environment (libtorch may already be loaded here; the setting matters for the CLI's start)
        var userSpins = Environment.GetEnvironmentVariable(OpenMpWaiting.SpinCountVariable);
        var userPolicy = Environment.GetEnvironmentVariable(OpenMpWaiting.PolicyVariable);

        // When
        var chosen = OpenMpWaiting.Apply();

        // Then a user's choice is kept and said; otherwise the native environment the OpenMP runtime reads has the default
        if (userSpins is not null || userPolicy is not null)
        {
            Assert.EndsWith("(user)", chosen, StringComparison.Ordinal);
            Assert.Equal(userSpins, Environment.GetEnvironmentVariable(OpenMpWaiting.SpinCountVariable));
        }
        else
        {
            Assert.Equal($"{OpenMpWaiting.SpinCountVariable}={OpenMpWaiting.DefaultSpinCount} (default)", chosen);
            Assert.Equal(OpenMpWaiting.DefaultSpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture), OpenMpWaiting.NativeValue(OpenMpWaiting.SpinCountVariable));
        }
    }

    [Fact]
    public void A_second_call_overwrites_nothing()
    {
        // Given the policy applied once
        var first = OpenMpWaiting.Apply();

        // When it is applied again (a second pipeline in one process)
        var again = OpenMpWaiting.Apply();

        // Then it finds what the first call left (or the user's choice) and keeps it, reporting it as already set
        Assert.Equal(first.Replace(" (default)", " (user)", StringComparison.Ordinal), again);
    }
}
