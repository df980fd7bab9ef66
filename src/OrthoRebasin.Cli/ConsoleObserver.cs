using System.Globalization;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Cli;

/// <summary>
/// One plain line per finished unit of work, on a terminal or not: logs and CI read the same thing, and a long
/// stage never goes silent (Spectre's progress display prints nothing for short steps when output is redirected).
/// </summary>
internal sealed class ConsoleObserver(string experiment) : IPipelineObserver
{
    public void UnitFinished(string stage, string unit, double seconds, bool cached) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{experiment}] {stage,-11} {unit,-36} {(cached ? "cached" : $"{seconds,7:F2} s")}"));

    public void Message(string text) => Console.WriteLine($"[{experiment}] {text}");
}
