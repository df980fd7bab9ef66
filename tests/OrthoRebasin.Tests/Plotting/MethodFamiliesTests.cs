using OrthoRebasin.Plotting;

namespace OrthoRebasin.Tests.Plotting;

public sealed class MethodFamiliesTests
{
    [Fact]
    public void Identity_is_drawn_in_both_families_and_unknown_methods_are_orthogonal()
    {
        // Given permutation, orthogonal and a future method
        string[] methods = ["identity", "weight-matching", "stiefel", "some-future-method"];

        // When
        var panels = MethodFamilies.Panels(methods);

        // Then
        Assert.Equal([MethodFamilies.PermutationTitle, MethodFamilies.OrthogonalTitle], panels.Select(p => p.Title));
        Assert.Equal(["identity", "weight-matching"], panels[0].Methods);
        Assert.Equal(["identity", "stiefel", "some-future-method"], panels[1].Methods);
    }

    [Theory]
    [InlineData(new[] { "identity", "activation-matching" }, 1)]
    [InlineData(new[] { "identity", "polar" }, 1)]
    [InlineData(new[] { "identity" }, 1)]
    [InlineData(new[] { "weight-matching", "polar" }, 2)]
    public void A_family_gets_a_panel_only_when_it_has_a_method_besides_identity(string[] methods, int expected)
    {
        // Given the methods

        // When
        var panels = MethodFamilies.Panels(methods);

        // Then
        Assert.Equal(expected, panels.Count);
        Assert.Equal(methods.Order(), panels.SelectMany(p => p.Methods).Distinct().Order());
    }
}
