namespace OrthoRebasin.Tests;

internal static class RepositoryRoot
{
    /// <summary>The directory holding OrthoRebasin.sln, found from the test binaries upwards.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrthoRebasin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrthoRebasin.sln above {AppContext.BaseDirectory}.");
    }
}
