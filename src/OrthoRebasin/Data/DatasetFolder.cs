namespace OrthoRebasin.Data;

/// <summary>Finds the folder of a downloaded data set among the roots of a <see cref="DataLocation"/>.</summary>
internal static class DatasetFolder
{
    /// <summary>
    /// The full path of each required file, from the first root whose <paramref name="folderName"/> sub-folder
    /// holds them all.
    /// </summary>
    /// <exception cref="FileNotFoundException">No root holds them all; the message lists every folder searched, what each lacks, and where to get the files.</exception>
    public static IReadOnlyList<string> Resolve(
        string title, string folderName, IReadOnlyList<RequiredFile> files, IReadOnlyList<string> roots, string howToGet)
    {
        var report = new List<string>();
        foreach (var root in roots)
        {
            var folder = Path.Combine(root, folderName);
            if (!Directory.Exists(folder))
            {
                report.Add($"  {folder}: no such folder");
                continue;
            }

            var found = files.Select(f => f.Names.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)).ToList();
            if (found.All(p => p is not null))
            {
                return found!;
            }

            var missing = files.Where((_, i) => found[i] is null).Select(f => f.Describe());
            report.Add($"  {folder}: missing {string.Join(", ", missing)}");
        }

        throw new FileNotFoundException(
            $"{title} was not found. It needs the files {string.Join(", ", files.Select(f => f.Describe()))} in a folder named '{folderName}'. Looked in:{Environment.NewLine}"
            + string.Join(Environment.NewLine, report) + Environment.NewLine
            + $"Get the files from {howToGet}, put them in <data>/{folderName}/ and pass the parent folder <data> with --data-dir "
            + $"(or set {DataLocation.EnvironmentVariable}, or use ./data).");
    }
}
