using System.Reflection;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli;

/// <summary>
/// What a failed command prints on stderr and how it exits. An error the user can fix (a <see cref="UserErrorException"/>, or
/// a command line that does not parse or validate) is one line <c>error: message</c> and exit 1; anything else is a bug in
/// OrthoRebasin: a line saying so, then the whole exception with its stack and inner exceptions, and exit 2.
/// </summary>
internal static class ErrorReporting
{
    /// <summary>The user can fix it; <c>check</c> also exits with it when a number drifts.</summary>
    public const int UserError = 1;

    public const int Bug = 2;

    public const string BugLine = "error: this is a bug in OrthoRebasin, not in how it was used; please report it with everything below this line.";

    public static int Run(Func<int> command) => Run(command, Console.Error);

    public static int Run(Func<int> command, TextWriter error)
    {
        try
        {
            return command();
        }
        catch (Exception ex) when (UserMessage(ex) is { } message)
        {
            error.WriteLine($"error: {message}");
            return UserError;
        }
        catch (Exception ex)
        {
            error.WriteLine(BugLine);
            error.WriteLine(ex.ToString());
            return Bug;
        }
    }

    /// <summary>The line to show when <paramref name="exception"/> is the user's to fix; null when it is a bug.</summary>
    internal static string? UserMessage(Exception exception) => exception switch
    {
        UserErrorException => exception.Message,
        // Spectre wraps what an option's converter throws; the converter's own message names the valid values.
        CommandParseException or CommandRuntimeException => FirstInner<UserErrorException>(exception)?.Message ?? exception.Message,
        TargetInvocationException { InnerException: { } inner } => UserMessage(inner),
        AggregateException { InnerExceptions: [var only] } => UserMessage(only),
        _ => null,
    };

    private static T? FirstInner<T>(Exception exception)
        where T : Exception
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }
        return null;
    }
}
