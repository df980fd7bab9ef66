using System.Globalization;
using OrthoRebasin.Pipeline;
using Spectre.Console;

namespace OrthoRebasin.Cli;

/// <summary>
/// One plain line per finished unit of work, on a terminal or not, so logs and CI read the same thing and a long
/// stage never goes silent (Spectre's live display prints nothing for short steps when output is redirected).
/// On a terminal a spinner also shows the last finished unit while the next one runs.
/// </summary>
internal sealed class ConsoleObserver(string experiment) : IPipelineObserver
{
    /// <summary>Set while a live status display is running: receives the text to show.</summary>
    public Action<string>? Status { get; set; }

    /// <summary>Whether stdout is an interactive terminal that can show a live display.</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void UnitFinished(string stage, string unit, double seconds, bool cached)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{experiment}] {stage,-11} {unit,-36} {(cached ? "cached" : $"{seconds,7:F2} s")}"));
        Status?.Invoke($"[{experiment}] {stage}: {unit} done, working on the next unit…");
    }

    public void Message(string text) => Console.WriteLine($"[{experiment}] {text}");

    /// <summary>Runs <paramref name="work"/> under a spinner on a terminal, plainly otherwise.</summary>
    public T Live<T>(Func<T> work)
    {
        if (!IsTerminal)
        {
            return work();
        }

        return AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape($"[{experiment}] starting…"), context =>
        {
            Status = text => context.Status(Markup.Escape(text));
            try
            {
                return work();
            }
            finally
            {
                Status = null;
            }
        });
    }
}
