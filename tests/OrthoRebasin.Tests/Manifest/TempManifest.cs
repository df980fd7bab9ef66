using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Manifest;

/// <summary>An experiments.yaml and its recipes written into a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempManifest : IDisposable
{
    // A valid recipe; tests edit one line of it, so the positions they assert can be read off here.
    public const string Recipe = """
        data:
          dataset: uci-digits
        model:
          architecture: mlp
          hidden: [8, 8]
        training:
          optimizer: adam
          epochs: 2
        methods:
          - id: identity
          - id: weight-matching
            options: { max_iter: 10 }
        """;

    // A valid experiments file naming the recipe above as `tiny`.
    public const string Experiments = """
        experiments:
          - id: tiny
            pipeline: tiny
            seed_pairs: [[1, 2]]
        """;

    public TempManifest(string experiments = Experiments, string recipe = Recipe)
    {
        Root = Path.Combine(Path.GetTempPath(), "orthorebasin-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "pipelines"));
        ExperimentsPath = Path.Combine(Root, "experiments.yaml");
        File.WriteAllText(ExperimentsPath, experiments);
        File.WriteAllText(RecipePath("tiny"), recipe);
    }

    public string Root { get; }

    public string ExperimentsPath { get; }

    public string RecipePath(string name) => Path.Combine(Root, "pipelines", name + ".yaml");

    public IReadOnlyList<Experiment> Load() => ManifestLoader.Load(ExperimentsPath);

    public ManifestException LoadFails() => Assert.Throws<ManifestException>(() => ManifestLoader.Load(ExperimentsPath));

    /// <summary><paramref name="text"/> with one occurrence of <paramref name="old"/> replaced; fails if it is absent.</summary>
    public static string Edit(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
