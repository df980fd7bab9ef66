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
    public void A_second_call_keeps_the_value_and_reports_it_as_set()
    {
        // Given the policy applied once
        OpenMpWaiting.Apply();

        // When it is applied again (a second pipeline in one process)
        var again = OpenMpWaiting.Apply();

        // Then the variable is set now, so it is reported as present rather than overwritten
        Assert.StartsWith(OpenMpWaiting.SpinCountVariable, again, StringComparison.Ordinal);
        Assert.NotNull(OpenMpWaiting.NativeValue(OpenMpWaiting.SpinCountVariable));
    }
}
