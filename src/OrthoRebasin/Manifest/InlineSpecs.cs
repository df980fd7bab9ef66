namespace OrthoRebasin.Manifest;

/// <summary>
/// A recipe's parts written on the command line instead of in a recipe: a model as a YAML flow mapping
/// (<c>{ architecture: mlp, hidden: [512, 512] }</c>, what a recipe's <c>model:</c> holds) and a method's id with its
/// options. They are bound by the manifest's own binder, so they take the same keys and give the same one-line errors,
/// with the option in place of the file: <c>--model:1:26: unknown key 'hiden' in model; ...</c>.
/// </summary>
public static class InlineSpecs
{
    /// <summary>The model <paramref name="yaml"/> describes, as a recipe's <c>model:</c> would; errors name <paramref name="option"/>.</summary>
    public static ModelSpec Model(string yaml, string option = "--model")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var node = Read(yaml, option, "a model");
        return node is ManifestMapping
            ? RecordBinder.Bind<ModelSpec>(node, "model")
            : throw new ManifestException(node, $"expected a model as a mapping, got {node.Describe()}. Write e.g. \"{{ architecture: mlp, hidden: [512, 512] }}\"");
    }

    /// <summary>
    /// The method <paramref name="id"/> with the options <paramref name="optionsYaml"/> (a mapping as a recipe's method
    /// <c>options:</c>; null: every default). Errors name <paramref name="option"/> or <paramref name="optionsOption"/>.
    /// </summary>
    public static MethodSpec Method(string id, string? optionsYaml, string option = "--method", string optionsOption = "--method-options")
    {
        ArgumentNullException.ThrowIfNull(id);
        var entries = new List<KeyValuePair<ManifestScalar, ManifestNode>>
        {
            new(new ManifestScalar(option, 0, 0, "id", IsPlain: true), new ManifestScalar(option, 0, 0, id, IsPlain: false)),
        };
        if (optionsYaml is not null)
        {
            entries.Add(new(new ManifestScalar(optionsOption, 0, 0, "options", IsPlain: true), Read(optionsYaml, optionsOption, "options")));
        }

        return RecordBinder.Bind<MethodSpec>(new ManifestMapping(option, 0, 0, entries), "method");
    }

    /// <summary>
    /// A name mapping file: one <c>checkpoint name: project name</c> per line, <c>null</c> to drop a tensor (YAML).
    /// Errors name the file, line and column.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> NameMapping(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserErrorException($"--mapping {path}: no such file. Give a YAML file of 'checkpoint name: model name' lines ('name: null' drops a tensor).");
        }

        var node = YamlTreeReader.Read(path, File.ReadAllText(path));
        if (node is not ManifestMapping mapping)
        {
            throw node is null
                ? new ManifestException(path, 0, 0, "the mapping is empty. Write one 'checkpoint name: model name' line per tensor to map, or leave --mapping out")
                : new ManifestException(node, $"expected a mapping of checkpoint names to model names, got {node.Describe()}. Write one 'checkpoint name: model name' line per tensor");
        }

        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            entries[key.Value] = value switch
            {
                ManifestScalar { IsNull: true } => null,
                ManifestScalar scalar => scalar.Value,
                _ => throw new ManifestException(value, $"'{key.Value}' maps to {value.Describe()}. Write a model name such as 'layers.0.weight', or null to drop the tensor"),
            };
        }

        return entries;
    }

    private static ManifestNode Read(string yaml, string option, string what) =>
        YamlTreeReader.Read(option, yaml) is { } node and not ManifestScalar { IsNull: true }
            ? node
            : throw new ManifestException(option, 0, 0, $"empty; write {what} as a YAML flow mapping, e.g. \"{{ architecture: mlp, hidden: [512, 512] }}\" for --model or \"{{ max_iter: 50 }}\" for --method-options");
}
