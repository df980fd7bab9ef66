using System.Globalization;
using OrthoRebasin.Cli.Commands;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Cli;

public sealed class ChoiceConverterTests
{
    [Theory]
    [InlineData("cpu", ComputeDevice.Cpu)]
    [InlineData("CUDA", ComputeDevice.Cuda)]
    [InlineData(" Cuda ", ComputeDevice.Cuda)]
    public void A_device_parses_in_any_letter_case(string text, ComputeDevice expected)
    {
        // Given / When
        var device = new ChoiceConverter<ComputeDevice>().ConvertFrom(null, CultureInfo.InvariantCulture, text);

        // Then
        Assert.Equal(expected, device);
    }

    [Fact]
    public void An_unknown_value_is_a_user_error_listing_the_valid_values()
    {
        // Given / When
        var error = Assert.Throws<UserErrorException>(() => new ChoiceConverter<Tier>().ConvertFrom(null, CultureInfo.InvariantCulture, "nightly"));

        // Then
        Assert.Equal("'nightly' is not a tier; valid values: quick, full, gpu.", error.Message);
    }

    [Fact]
    public void The_valid_values_are_every_value_of_the_enum_as_json_spells_it()
    {
        // Given / When / Then
        Assert.Equal(["cpu", "cuda"], ChoiceConverter<ComputeDevice>.Names);
        Assert.Equal(Enum.GetValues<ComputeDevice>().Select(Devices.Name), ChoiceConverter<ComputeDevice>.Names);
        Assert.Equal(["quick", "full", "gpu"], ChoiceConverter<Tier>.Names);
    }
}
