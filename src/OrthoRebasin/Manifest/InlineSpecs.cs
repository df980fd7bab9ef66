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

    private static ManifestNode Read(string yaml, string option, string what) =>
        YamlTreeReader.Read(option, yaml) is { } node and not ManifestScalar { IsNull: true }
            ? node
            : throw new ManifestException(option, 0, 0, $"empty; write {what} as a YAML flow mapping, e.g. \"{{ architecture: mlp, hidden: [512, 512] }}\" for --model or \"{{ max_iter: 50 }}\" for --method-options");
}
