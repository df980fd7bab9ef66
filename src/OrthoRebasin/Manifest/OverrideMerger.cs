namespace OrthoRebasin.Manifest;

/// <summary>
/// Merges an experiment's overrides into its recipe: mappings merge key by key, recursively; scalars and sequences
/// replace. Nodes keep their own file and position, so an error in an override points into experiments.yaml.
/// </summary>
internal static class OverrideMerger
{
    public static ManifestNode Merge(ManifestNode recipe, ManifestNode overrides)
    {
        if (recipe is not ManifestMapping baseMapping || overrides is not ManifestMapping overrideMapping)
        {
            return overrides;
        }

        var entries = baseMapping.Entries.ToList();
        foreach (var (key, value) in overrideMapping.Entries)
        {
            var index = entries.FindIndex(e => string.Equals(e.Key.Value, key.Value, StringComparison.Ordinal));
            if (index < 0)
            {
                entries.Add(new(key, value));
            }
            else
            {
                entries[index] = new(key, Merge(entries[index].Value, value));
            }
        }

        return baseMapping with { Entries = entries };
    }
}
