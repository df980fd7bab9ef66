using System.Reflection;
using System.Text.RegularExpressions;

namespace OrthoRebasin.Tests.Architecture;

/// <summary>
/// One naming scheme for tests: a sentence of underscore-separated words saying what holds, optionally opening with the
/// member under test (<c>Parse_rejects_a_truncated_file_naming_it</c>). After the first word no word is camel-cased.
/// .editorconfig's naming styles cannot say this (they capitalise whole words), so this test does.
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_is_named_as_a_sentence_of_underscore_separated_words()
    {
        // Given every test method of this assembly
        var tests = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .ToList();

        // When
        var misnamed = tests.Where(m => !Sentence().IsMatch(m.Name)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();

        // Then
        Assert.True(tests.Count > 100, $"found only {tests.Count} tests");
        Assert.True(misnamed.Count == 0, "tests not named as sentences: " + string.Join(", ", misnamed));
    }

    [Theory]
    [InlineData("Parse_rejects_a_truncated_file_naming_it", true)]
    [InlineData("Every_method_keeps_B_s_function", true)]
    [InlineData("Parse_RejectsATruncatedFile", false)]
    [InlineData("Parse", false)]
    public void The_scheme_tells_a_sentence_from_a_camel_cased_name(string name, bool sentence) =>
        Assert.Equal(sentence, Sentence().IsMatch(name));

    // A first word (a member name may be camel-cased), then words without a lower-to-upper hump.
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_(?:[A-Za-z0-9']*?(?<![a-z])[A-Z]*|[A-Z]?[a-z0-9']*))+$")]
    private static partial Regex Sentence();
}
