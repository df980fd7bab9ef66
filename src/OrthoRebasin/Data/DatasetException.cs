namespace OrthoRebasin.Data;

/// <summary>
/// A data set file that cannot be used: damaged, truncated, malformed or not the canonical one. The message names the file,
/// what is wrong with it and where to get it again.
/// </summary>
public class DatasetException : UserErrorException
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
