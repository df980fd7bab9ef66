namespace OrthoRebasin.Tests.Manifest;

/// <summary>
/// A document nested or expanded beyond what a manifest needs is refused while it is read, before any walk of its tree
/// could exhaust the stack or the time.
/// </summary>
public sealed class YamlLimitsTests
{
    private const int Deep = 100_000;

    [Fact]
    public void A_sequence_nested_100000_deep_is_refused_at_its_65th_level()
    {
        // Given [[[[…]]]] 100,000 deep as the whole experiments file
        using var manifest = new TempManifest(experiments: new string('[', Deep) + new string(']', Deep));

        // When
        var error = manifest.LoadFails();

        // Then the 65th '[' is named, instead of the stack overflowing
        ManifestAssert.At(error, manifest.ExperimentsPath, 1, 65,
            "collections nest deeper than 64 levels here. A manifest needs fewer than 10 levels: flatten the nesting");
    }

    [Fact]
    public void A_mapping_nested_100000_deep_is_refused_at_its_65th_level()
    {
        // Given {a: {a: …}} 100,000 deep in a recipe's overrides; each level is the 4 characters "{a: "
        var nested = string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep);
        using var manifest = new TempManifest(recipe: TempManifest.Recipe + "\nlambdas: " + nested);

        // When
        var error = manifest.LoadFails();

        // Then the root mapping is level 1, so the 64th '{' of line 13 is the 65th level
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 13, 10 + 63 * 4, "collections nest deeper than 64 levels here");
    }

    [Fact]
    public void An_alias_cannot_nest_a_collection_deeper_than_the_bound()
    {
        // Given an anchored list 60 deep, then an alias of it 5 lists further down the experiments file
        var anchored = new string('[', 60) + new string(']', 60);
        using var manifest = new TempManifest(experiments: $"deep: &deep {anchored}\nuse: [[[[[*deep]]]]]\n");

        // When
        var error = manifest.LoadFails();

        // Then the alias, at level 6 with 60 more levels below it, is refused where it is written
        ManifestAssert.At(error, manifest.ExperimentsPath, 2, 11, "the alias '*deep' nests collections deeper than 64 levels here");
    }

    [Fact]
    public void Aliases_cannot_expand_a_document_beyond_100000_values()
    {
        // Given lists of ten aliases of the list before: d stands for 11,111 nodes, e for ten times that
        var experiments = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            """;
        using var manifest = new TempManifest(experiments: experiments);

        // When
        var error = manifest.LoadFails();

        // Then 12,351 nodes are read when line 5's list opens, and its 8th alias (column 8 + 7 · 4) passes 100,000
        ManifestAssert.At(error, manifest.ExperimentsPath, 5, 36,
            "the document holds more than 100000 values here, aliases counted as what they stand for. A manifest needs a few hundred: write fewer");
    }
}
