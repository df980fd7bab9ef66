namespace OrthoRebasin.Tests;

/// <summary>Ids are names, not paths: one rule for what a manifest writes and what a registry holds.</summary>
public sealed class NamesTests
{
    [Theory]
    [InlineData("quickstart")]
    [InlineData("cifar10-mlp-quick")]
    [InlineData("loss_barrier_vs_original")]
    [InlineData("run.2")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("console")]
    public void A_name_of_lowercase_letters_and_digits_with_separators_inside_is_accepted(string id)
    {
        // Given / When
        var problem = Names.Problem(id);

        // Then
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("a/b", "the path separator '/' at character 2 is not allowed")]
    [InlineData("a\\b", "the path separator '\\' at character 2 is not allowed")]
    [InlineData("..", "it starts with '.'")]
    [InlineData(".", "it starts with '.'")]
    [InlineData(".hidden", "it starts with '.'")]
    [InlineData("-x", "it starts with '-'")]
    [InlineData("_x", "it starts with '_'")]
    [InlineData("x.", "it ends with '.'")]
    [InlineData("x-", "it ends with '-'")]
    [InlineData("quick\u200Bstart", "the invisible character U+200B at character 6 is not allowed")]
    [InlineData("quick\u00A0start", "the space U+00A0 at character 6 is not allowed")]
    [InlineData("quick start", "a space at character 6 is not allowed")]
    [InlineData("a\nb", "the control character U+000A at character 2 is not allowed")]
    [InlineData("a\u0000b", "the control character U+0000 at character 2 is not allowed")]
    [InlineData("Quickstart", "the upper-case letter 'Q' at character 1 is not allowed")]
    [InlineData("caf\u00E9", "the character U+00E9 at character 4 is not allowed")]
    [InlineData("x\U0001F600y", "the character U+1F600 at character 2 is not allowed")]
    [InlineData("a:b", "':' at character 2 is not allowed")]
    [InlineData("nul", "'nul' is a device name on Windows, where no folder can be called so")]
    [InlineData("com1.yaml", "'com1' is a device name on Windows, where no folder can be called so")]
    public void Anything_else_is_refused_with_the_offending_character_and_where_it_is(string id, string problem)
    {
        // Given / When
        var found = Names.Problem(id);

        // Then
        Assert.Equal(problem, found);
    }

    [Fact]
    public void A_name_may_be_64_characters_long_but_not_65()
    {
        // Given
        var longest = new string('a', Names.MaxLength);

        // When
        var (accepted, refused) = (Names.Problem(longest), Names.Problem(longest + "b"));

        // Then
        Assert.Null(accepted);
        Assert.Equal("it is 65 characters long", refused);
    }

    [Fact]
    public void Escape_shows_every_character_outside_printable_ascii_as_its_code_and_cuts_long_text()
    {
        // Given / When
        var invisible = Names.Escape("quick\u200Bstart\n");
        var longText = Names.Escape(new string('x', 200));

        // Then
        Assert.Equal("quick<U+200B>start<U+000A>", invisible);
        Assert.Equal(new string('x', 80) + "…", longText);
    }

    [Theory]
    [InlineData("../toy", "the path separator '/' at character 3 is not allowed")]
    [InlineData("toy\u200Breverse", "the invisible character U+200B at character 4 is not allowed")]
    [InlineData("Toy", "the upper-case letter 'T' at character 1 is not allowed")]
    public void A_registry_refuses_an_id_that_is_not_a_name(string id, string problem)
    {
        // Given an empty registry and an entry whose id is not a name
        var registry = new Registry<Entry>("toy", []);

        // When it is registered for the process, scoped, or given to a new registry
        var registered = Assert.Throws<ArgumentException>(() => registry.Register(new Entry(id)));
        var scoped = Assert.Throws<ArgumentException>(() => registry.Scope(new Entry(id)));
        var constructed = Assert.Throws<ArgumentException>(() => new Registry<Entry>("toy", [new Entry(id)]));

        // Then each is a programming error that says the rule and the character, and nothing is registered
        foreach (var error in new[] { registered, scoped, constructed })
        {
            Assert.StartsWith($"A toy id must be a name ({Names.Rule}), got '{Names.Escape(id)}': {problem}.", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(registry.Ids);
    }

    [Fact]
    public void A_registry_takes_a_name()
    {
        // Given
        var registry = new Registry<Entry>("toy", []);

        // When
        using (registry.Scope(new Entry("toy-scoped")))
        {
            registry.Register(new Entry("toy_registered.v2"));

            // Then
            Assert.Equal(["toy_registered.v2", "toy-scoped"], registry.Ids);
        }
    }

    private sealed record Entry(string Id) : IRegistryEntry
    {
        public string Description => "a toy entry";
    }
}
