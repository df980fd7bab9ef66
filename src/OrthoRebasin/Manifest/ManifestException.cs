namespace OrthoRebasin.Manifest;

/// <summary>
/// A manifest that cannot be used, with where it went wrong. The message reads
/// <c>file:line:column: what is wrong. how to fix</c> (line and column are 1-based; 0 when the whole file is meant).
/// </summary>
public sealed class ManifestException : UserErrorException
{
    public ManifestException(string file, int line, int column, string problem, Exception? innerException = null)
        : base(Format(file, line, column, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    internal ManifestException(ManifestNode node, string problem)
        : this(node.File, node.Line, node.Column, problem)
    {
    }

    /// <summary>The file as the loader reached it: the experiments path as given, recipes relative to it.</summary>
    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without its location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string problem) =>
        line > 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}: {problem}";
}
