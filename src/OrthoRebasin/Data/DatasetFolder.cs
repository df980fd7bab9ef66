namespace OrthoRebasin.Data;

/// <summary>Finds the folder of a downloaded data set among the roots of a <see cref="DataLocation"/>.</summary>
internal static class DatasetFolder
{
    /// <summary>
    /// The full path of each required file, from the first root whose <paramref name="folderName"/> sub-folder
    /// holds them all.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">No root holds them all; the message lists every folder searched, what each lacks, and where to get the files.</exception>
    public static IReadOnlyList<string> Resolve(
        string title, string folderName, IReadOnlyList<RequiredFile> files, IReadOnlyList<string> roots, string howToGet)
    {
        var report = new List<string>();
        foreach (var root in roots)
        {
            var folder = Path.Combine(root, folderName);
            if (!Directory.Exists(folder))
            {
                report.Add($"{folder}: no such folder");
                continue;
            }

            var found = files.Select(f => f.Names.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)).ToList();
            if (found.All(p => p is not null))
            {
                return found!;
            }

            var missing = files.Where((_, i) => found[i] is null).Select(f => f.Describe());
            report.Add($"{folder}: missing {string.Join(", ", missing)}");
        }

        throw new DatasetNotFoundException(
            folderName,
            $"{title} was not found: it needs the files {string.Join(", ", files.Select(f => f.Describe()))} in a folder named '{folderName}'. "
            + $"Looked in {string.Join("; ", report)}. "
            + $"Get the files from {howToGet} and put them in <data>/{folderName}/, where <data> is the run's data folder "
            + $"(when none is chosen, the folder named by {DataLocation.EnvironmentVariable}, else ./data).");
    }
}
