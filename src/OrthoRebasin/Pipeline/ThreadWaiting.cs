using System.Runtime.InteropServices;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// Keeps libtorch's OpenMP threads from spin-waiting, which makes them collapse when another process is busy: on 2
/// cores with one other busy process, 2 spinning threads took 8–106 s per MNIST MLP epoch against 2.4–2.8 s quiet,
/// while passive waiting took 6.1–8.6 s (bench/README.md, "Contention"). The OpenMP runtime reads
/// <c>OMP_WAIT_POLICY</c> once, when libtorch loads, from the native environment (which .NET's
/// Environment.SetEnvironmentVariable does not change on Unix), so this must run before the first tensor.
/// A value the user set is kept.
/// </summary>
public static class ThreadWaiting
{
    public const string Variable = "OMP_WAIT_POLICY";

    public const string Passive = "PASSIVE";

    /// <summary>Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment unless already set; true when it is passive now.</summary>
    public static bool PreferPassive()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } chosen)
        {
            return string.Equals(chosen, Passive, StringComparison.OrdinalIgnoreCase);
        }

        Environment.SetEnvironmentVariable(Variable, Passive);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            // On Windows the managed call sets the process environment itself.
            return true;
        }

        try
        {
            return setenv(Variable, Passive, overwrite: 0) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The native environment's value (what the OpenMP runtime will read), or null.</summary>
    public static string? NativeValue()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return Environment.GetEnvironmentVariable(Variable);
        }

        var value = getenv(Variable);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
}
