using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;

namespace OrthoRebasin.Tests.Manifest;

public sealed class InlineSpecsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-inline-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_model_on_the_command_line_binds_as_a_recipe_model()
    {
        // Given / When a model written as a YAML flow mapping
        var model = InlineSpecs.Model("{ architecture: mlp, hidden: [512, 256] }");

        // Then it is the recipe's model with its typed options
        Assert.Equal("mlp", model.Architecture);
        Assert.Equal([512, 256], Assert.IsType<MlpOptions>(model.Options).Hidden);
    }

    [Fact]
    public void A_method_without_options_gets_its_defaults_and_with_options_binds_them()
    {
        // Given / When weight matching without options, then with max_iter
        var defaults = InlineSpecs.Method("weight-matching", null);
        var given = InlineSpecs.Method("weight-matching", "{ max_iter: 7 }");

        // Then both carry the method's options record, the second with the value given
        Assert.Equal("weight-matching", defaults.Id);
        Assert.Equal(AlignmentMethods.Registry.Get("weight-matching").OptionsType, defaults.Options.GetType());
        Assert.Contains("7", OrthoRebasin.IO.Json.Serialize(given.Options));
    }

    [Fact]
    public void A_mapping_file_maps_names_and_drops_the_null_ones()
    {
        // Given a mapping file with a name and a null
        var path = Path.Combine(_root, "mapping.yaml");
        File.WriteAllText(path, "encoder.weight: layers.0.weight\ntemperature: null\n");

        // When read
        var mapping = InlineSpecs.NameMapping(path);

        // Then the name maps and the null drops
        Assert.Equal("layers.0.weight", mapping["encoder.weight"]);
        Assert.Null(mapping["temperature"]);
    }

    [Fact]
    public void A_mapping_entry_that_is_not_a_name_is_an_error_at_its_line()
    {
        // Given a mapping whose second entry is a list
        var path = Path.Combine(_root, "mapping.yaml");
        File.WriteAllText(path, "encoder.weight: layers.0.weight\nhead.weight: [layers.1.weight]\n");

        // When read
        var error = Assert.Throws<ManifestException>(() => InlineSpecs.NameMapping(path));

        // Then the error names the file, line 2 and the fix
        Assert.Equal(2, error.Line);
        Assert.Contains("'head.weight' maps to a sequence", error.Message);
        Assert.Contains("or null to drop the tensor", error.Message);
    }
}
