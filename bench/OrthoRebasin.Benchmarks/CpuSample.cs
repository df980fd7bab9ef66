using System.Diagnostics;
using System.Globalization;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// Busy CPU time of the whole machine and of this process (Linux /proc, clock ticks), so a timing can state how
/// many cores other processes used meanwhile: the machine is shared, and a neighbour's build can triple an epoch.
/// </summary>
public readonly record struct CpuSample(long MachineBusyTicks, long ProcessTicks, long Timestamp)
{
    // USER_HZ is 100 on every Linux x64 kernel configuration in use.
    private const double TicksPerSecond = 100.0;

    public static CpuSample Take()
    {
        var timestamp = Stopwatch.GetTimestamp();
        if (!File.Exists("/proc/stat"))
        {
            return new CpuSample(0, 0, timestamp);
        }

        // "cpu user nice system idle iowait irq softirq steal ...": busy is everything but idle and iowait.
        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = machine.Sum() - machine[3] - machine[4];

        // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
        var self = File.ReadAllText("/proc/self/stat");
        var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
        var process = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new CpuSample(busy, process, timestamp);
    }

    /// <summary>Average number of cores that other processes kept busy between <paramref name="start"/> and this sample.</summary>
    public double OtherCoresSince(CpuSample start)
    {
        var seconds = (double)(Timestamp - start.Timestamp) / Stopwatch.Frequency;
        var others = (MachineBusyTicks - start.MachineBusyTicks) - (ProcessTicks - start.ProcessTicks);
        return seconds > 0 ? Math.Max(0, others / TicksPerSecond / seconds) : 0;
    }
}
