namespace OrthoRebasin;

/// <summary>
/// A condition the user can fix: bad input, a missing file, a refused download, a run that cannot go on as asked. Its
/// message is one line that names the file or place and the fix, in the library's words (never a command-line flag).
/// The command line prints it as <c>error: message</c> and exits 1; every other exception is a bug and shows its stack.
/// </summary>
public class UserErrorException : Exception
{
    public UserErrorException(string message)
        : base(message)
    {
    }

    public UserErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
