using OrthoRebasin.Manifest;

namespace OrthoRebasin.Tests.Manifest;

public sealed class ManifestHashTests
{
    [Fact]
    public void The_hash_is_the_same_across_two_loads()
    {
        // Given
        using var manifest = new TempManifest();

        // When
        var first = ManifestLoader.ManifestHash(manifest.Load()[0]);
        var second = ManifestLoader.ManifestHash(manifest.Load()[0]);

        // Then
        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void The_hash_changes_when_a_method_option_changes()
    {
        // Given
        using var original = new TempManifest();
        using var changed = new TempManifest(recipe: TempManifest.Edit(TempManifest.Recipe, "max_iter: 10", "max_iter: 11"));

        // When
        var before = ManifestLoader.ManifestHash(original.Load()[0]);
        var after = ManifestLoader.ManifestHash(changed.Load()[0]);

        // Then
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void The_hash_ignores_how_the_same_configuration_is_written()
    {
        // Given
        using var original = new TempManifest();
        using var rewritten = new TempManifest(
            experiments: TempManifest.Experiments + "\n    overrides: { training: { epochs: 2, optimizer: adam } }",
            recipe: TempManifest.Edit(TempManifest.Recipe, "options: { max_iter: 10 }", "options:\n      max_iter: 10"));

        // When
        var before = ManifestLoader.ManifestHash(original.Load()[0]);
        var after = ManifestLoader.ManifestHash(rewritten.Load()[0]);

        // Then
        Assert.Equal(before, after);
    }

    [Fact]
    public void The_hash_changes_when_a_default_is_overridden()
    {
        // Given
        using var original = new TempManifest();
        using var changed = new TempManifest(experiments: TempManifest.Experiments + "\n    overrides: { lambdas: 26 }");

        // When
        var before = ManifestLoader.ManifestHash(original.Load()[0]);
        var after = ManifestLoader.ManifestHash(changed.Load()[0]);

        // Then
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Augmentation_left_out_is_left_out_of_the_hash_and_written_in_changes_it()
    {
        // Given
        using var original = new TempManifest();
        using var augmented = new TempManifest(recipe: TempManifest.Edit(TempManifest.Recipe, "  epochs: 2", "  epochs: 2\n  augmentation: { random_crop: 2, horizontal_flip: true }"));
        var plain = original.Load()[0];

        // When
        var before = ManifestLoader.ManifestHash(plain);
        var after = ManifestLoader.ManifestHash(augmented.Load()[0]);

        // Then: a recipe without the key serialises (and so hashes, and keys its cached models) as before the option existed
        Assert.NotEqual(before, after);
        Assert.Null(plain.Recipe.Training.Augmentation);
        Assert.DoesNotContain("augmentation", OrthoRebasin.IO.Json.Serialize(plain.Recipe.Training), StringComparison.Ordinal);
        Assert.Equal(new AugmentationSpec { RandomCrop = 2, HorizontalFlip = true }, augmented.Load()[0].Recipe.Training.Augmentation);
    }
}
