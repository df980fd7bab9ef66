using System.Globalization;
using System.Runtime.InteropServices;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// How long libtorch's OpenMP threads spin before they sleep at a barrier. libgomp's default (about 300,000 spins, a few
/// milliseconds) makes two threads collapse when another process keeps a core busy: the thread that waits spins on the
/// core its partner needs, at every parallel region. Sleeping at once (<c>OMP_WAIT_POLICY=PASSIVE</c>) survives contention
/// but costs every region a wake-up on a quiet machine. A short spin keeps most of the quiet speed and still yields the
/// core under contention (bench/README.md, "Contention"). The runtime reads the variable once, when libtorch loads, from
/// the native environment (which .NET's Environment.SetEnvironmentVariable does not change on Unix), so
/// <see cref="Apply"/> must run before the first tensor. The thread count, and so every number computed, is unchanged:
/// only how a waiting thread waits.
/// </summary>
public static class OpenMpWaiting
{
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    public const string PolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>Spins before a waiting thread sleeps; chosen from the contention benchmark (bench/README.md).</summary>
    public const long DefaultSpinCount = 1000;

    /// <summary>
    /// Sets <c>GOMP_SPINCOUNT</c> to <see cref="DefaultSpinCount"/> unless the user chose a spin count or a wait policy;
    /// returns what the OpenMP runtime will see, for provenance and the benchmarks (e.g. "GOMP_SPINCOUNT=1000 (default)").
    /// </summary>
    public static string Apply()
    {
        if (Environment.GetEnvironmentVariable(SpinCountVariable) is { } spins)
        {
            return $"{SpinCountVariable}={spins} (user)";
        }

        if (Environment.GetEnvironmentVariable(PolicyVariable) is { } policy)
        {
            return $"{PolicyVariable}={policy} (user)";
        }

        var value = DefaultSpinCount.ToString(CultureInfo.InvariantCulture);
        Environment.SetEnvironmentVariable(SpinCountVariable, value);
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && !SetNative(SpinCountVariable, value))
        {
            return "libgomp default (the native environment could not be set)";
        }

        return $"{SpinCountVariable}={value} (default)";
    }

    /// <summary>The native environment's value of <paramref name="name"/> (what the OpenMP runtime reads), or null.</summary>
    public static string? NativeValue(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return Environment.GetEnvironmentVariable(name);
        }

        var value = getenv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    private static bool SetNative(string name, string value)
    {
        try
        {
            return setenv(name, value, overwrite: 0) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
}
