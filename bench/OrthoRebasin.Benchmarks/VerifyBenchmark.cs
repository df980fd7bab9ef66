using System.Globalization;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Benchmarks;

/// <summary>
/// What the verified artifact store costs on a finished run's artifacts folder: recording every unit (reading and
/// hashing each file, what a cold run adds once per unit) and verifying every unit (a size and write-time check per
/// file, what a cached rerun adds), each timed over all units. Compare the totals with the run's own wall times
/// (bench/quickstart.sh) to get the share.
/// </summary>
public static class VerifyBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: verify <experiment folder> [--reps N]  (e.g. <artifacts>/quickstart after a run)");
            return 2;
        }

        var folder = args[0];
        var reps = args.Length >= 3 && args[1] == "--reps" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var units = Directory.EnumerateFiles(folder, UnitManifest.FileName, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var bytes = units.SelectMany(u => Directory.EnumerateFiles(u, "*", SearchOption.AllDirectories)).Sum(f => new FileInfo(f).Length);

        var record = Timing.Measure(() =>
        {
            foreach (var unit in units)
            {
                UnitManifest.Record(unit);
            }
        }, warmUp: 1, reps);
        var verify = Timing.Measure(() =>
        {
            foreach (var unit in units)
            {
                if (UnitManifest.Problem(unit) is { } problem)
                {
                    throw new InvalidOperationException($"{unit}: {problem}");
                }
            }
        }, warmUp: 1, reps);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{units.Count} units, {bytes / 1e6:F1} MB; median of {reps} (min) after a warm-up, files in the page cache"));
        Console.WriteLine();
        Console.WriteLine("| work | what a run adds it to | median ms | min ms |");
        Console.WriteLine("|---|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| record (SHA-256 of every file) | cold run | {record.MedianMs:F1} | {record.MinMs:F1} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| verify (size and write time) | cached rerun | {verify.MedianMs:F1} | {verify.MinMs:F1} |"));
        return 0;
    }
}
