using OrthoRebasin.Benchmarks;

// Each benchmark is a subcommand; add new ones to this table. Process-level ones (bench/quickstart.sh) are scripts.
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["align"] = AlignBenchmark.Run,
    ["conv"] = ConvBenchmark.Run,
    ["epoch"] = EpochBenchmark.Run,
    ["lambda-grid"] = LambdaGridBenchmark.Run,
    ["lap"] = LapBenchmark.Run,
    ["verify"] = VerifyBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: OrthoRebasin.Benchmarks <benchmark> [options]");
    Console.Error.WriteLine($"benchmarks: {string.Join(", ", benchmarks.Keys.Order(StringComparer.Ordinal))}");
    return 2;
}

// The CLI's policies, before the first tensor loads libtorch, so the benchmarks measure what users run.
OrthoRebasin.NativeHeap.CapMmapThreshold();
Console.Error.WriteLine($"OpenMP waiting: {OrthoRebasin.Pipeline.OpenMpWaiting.Apply()}");
return benchmark(args[1..]);
