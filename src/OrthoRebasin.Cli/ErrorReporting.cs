using System.Reflection;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli;

/// <summary>
/// What a failed command prints on stderr and how it exits. An error the user can fix (a <see cref="UserErrorException"/>, a
/// command line that does not parse or validate, or a file system that refuses: no permission, a read-only folder, a path
/// too long, a full disk) is one line <c>error: message</c> and exit 1; anything else is a bug in
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
        // The file system refused: the message names the path, and the fix (space, permissions, a shorter path) is the user's.
        UnauthorizedAccessException => $"{exception.Message} Check the folder's permissions, or choose another artifacts or data folder.",
        PathTooLongException => $"{exception.Message} Choose a shorter artifacts or data folder.",
        IOException when IsDiskFull(exception) => $"{exception.Message} Free some space, or choose an artifacts folder on another disk.",
        AggregateException { InnerExceptions: [var only] } => UserMessage(only),
        _ => null,
    };

    /// <summary>ENOSPC (28) and EDQUOT (122) on Linux, ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(Exception exception) =>
        exception.HResult is 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027);

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
