using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli;

/// <summary>Turns the errors a user can fix into one clear line and exit code 1; anything else is a bug and shows its stack.</summary>
internal static class ErrorReporting
{
    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception ex) when (ex is ManifestException or CheckpointException or TrainingDivergedException or ArgumentException
                                       or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or CommandParseException or CommandRuntimeException
                                       or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex.InnerException is ManifestException inner)
        {
            Console.Error.WriteLine($"error: {inner.Message}");
            return 1;
        }
        catch (Exception ex)
        {
            AnsiConsole.WriteException(ex);
            return 2;
        }
    }
}
