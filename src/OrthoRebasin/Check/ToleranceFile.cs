using System.Globalization;
using System.Text;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Check;

/// <summary>
/// <c>&lt;experiment&gt;.tolerances.yaml</c> beside the baseline <c>&lt;experiment&gt;.json</c>: the check's tolerances,
/// derived from a seed-to-seed spread (<see cref="ToleranceDerivation"/>) and reviewed and committed with the baseline they
/// belong to. YAML, as the manifest: a header comment says how the numbers came about, and an error names its line.
/// </summary>
public static class ToleranceFile
{
    public const string Extension = ".tolerances.yaml";

    /// <summary>Every name a tolerance may have: <c>default</c> and each checked metric name (<see cref="BaselineMetrics.ToleranceKeys"/>).</summary>
    public static IReadOnlyList<string> ValidNames => [RegressionCheck.DefaultToleranceName, .. BaselineMetrics.ToleranceKeys];

    /// <summary><c>x.json</c> → <c>x.tolerances.yaml</c>, beside the baseline.</summary>
    public static string PathFor(string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(baselinePath);
        var withoutJson = baselinePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? baselinePath[..^".json".Length]
            : baselinePath;
        return withoutJson + Extension;
    }

    /// <summary>The tolerances in <paramref name="path"/>; every problem is a <see cref="ManifestException"/> at its line and column.</summary>
    public static CheckTolerances Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The tolerances in <paramref name="yaml"/>; <paramref name="file"/> names it in errors.</summary>
    public static CheckTolerances Parse(string yaml, string file)
    {
        var root = YamlTreeReader.Read(file, yaml)
            ?? throw new ManifestException(file, 0, 0, "the file holds no tolerances. Derive them with the tolerances command");
        var tolerances = RecordBinder.Bind<CheckTolerances>(root, "");
        var mapping = (ManifestMapping)root;
        if (tolerances.Sigmas <= 0)
        {
            throw new ManifestException(mapping.Find("sigmas")!, $"sigmas must be positive, got {Format(tolerances.Sigmas)}. Derive the tolerances again with a positive k");
        }

        foreach (var (name, node) in ((ManifestMapping)mapping.Find("tolerances")!).Entries)
        {
            // A misspelt name would silently leave its metric to default, or to an exact match.
            if (!ValidNames.Contains(name.Value, StringComparer.Ordinal))
            {
                throw new ManifestException(
                    name, $"unknown tolerance '{name.Value}'; valid names: {string.Join(", ", ValidNames)}. " + ManifestText.Suggest(name.Value, ValidNames, "Use one of them"));
            }

            var tolerance = tolerances.Tolerances[name.Value];
            NotNegative(tolerance.Abs, (ManifestMapping)node, name.Value, "abs");
            NotNegative(tolerance.Rel, (ManifestMapping)node, name.Value, "rel");
        }

        return tolerances;
    }

    /// <summary>The file's text: a header saying where the numbers came from and how they are applied, then one line per name.</summary>
    public static string Serialize(string experimentId, CheckTolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(tolerances);
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Tolerances of the regression check of {experimentId}: how far each number of {experimentId}.json may move.");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Derived by the tolerances command from the seed-to-seed spread of {tolerances.DerivedFrom}'s results, k = {Format(tolerances.Sigmas)}");
        yaml.AppendLine("# (src/OrthoRebasin/Check/ToleranceDerivation.cs). A number passes when |actual − baseline| <= abs + rel·|baseline|,");
        yaml.AppendLine("# with the tolerance of its metric name (a summary's name/mean or name/std first), else default; a number that has");
        yaml.AppendLine("# neither must match exactly. Derive them again rather than editing them: they measure the spread, they are not a choice.");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"derived_from: {tolerances.DerivedFrom}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"sigmas: {Format(tolerances.Sigmas)}");
        yaml.AppendLine("tolerances:");
        foreach (var (name, tolerance) in tolerances.Tolerances.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {{ abs: {Format(tolerance.Abs)}, rel: {Format(tolerance.Rel)} }}");
        }

        return yaml.ToString();
    }

    /// <summary>Writes the file atomically, so a check never reads half of it.</summary>
    public static void Write(string path, string experimentId, CheckTolerances tolerances) =>
        AtomicFile.WriteAllText(path, Serialize(experimentId, tolerances));

    private static void NotNegative(double value, ManifestMapping node, string name, string key)
    {
        if (value < 0)
        {
            throw new ManifestException(node.Find(key)!, $"tolerances.{name}.{key} must be at least 0, got {Format(value)}. Use a value ≥ 0");
        }
    }

    // Round-trip formatting: the number read back is the number written.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
