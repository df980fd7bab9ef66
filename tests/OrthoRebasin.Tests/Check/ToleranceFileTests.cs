using OrthoRebasin.Check;
using OrthoRebasin.Manifest;
using OrthoRebasin.Tests.Manifest;
using OrthoRebasin.Tests.Plotting;

namespace OrthoRebasin.Tests.Check;

public sealed class ToleranceFileTests : IDisposable
{
    // A valid file; tests edit one line of it, so the positions they assert can be read off here.
    private const string Valid = """
        derived_from: sample-digits
        sigmas: 1
        tolerances:
          default: { abs: 1.0e-6 }
          loss_barrier: { abs: 0.01, rel: 0.05 }
        """;

    private readonly TemporaryDirectory _directory = new();

    private string Path => System.IO.Path.Combine(_directory.Path, "sample-digits" + ToleranceFile.Extension);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Written_tolerances_read_back_as_the_numbers_derived()
    {
        // Given tolerances derived from the spread of two seed pairs, two standard deviations wide
        var derived = new CheckTolerances
        {
            DerivedFrom = "sample-digits-full",
            Sigmas = 2,
            Tolerances = ToleranceDerivation.Derive(SampleResults.CreateFull(), checkedPairs: 2, k: 2),
        };

        // When
        ToleranceFile.Write(Path, "sample-digits", derived);
        var read = ToleranceFile.Read(Path);

        // Then every number is the derived one, to the last bit
        Assert.Equal(derived.Tolerances, read.Tolerances);
        Assert.Equal((derived.DerivedFrom, derived.Sigmas), (read.DerivedFrom, read.Sigmas));
    }

    [Fact]
    public void The_header_says_where_the_numbers_came_from_and_how_the_check_applies_them()
    {
        // Given
        var tolerances = new CheckTolerances { DerivedFrom = "sample-digits-full", Sigmas = 1.5, Tolerances = new Dictionary<string, Tolerance>() };

        // When
        var header = string.Concat(ToleranceFile.Serialize("sample-digits", tolerances).Split('\n').Where(l => l.StartsWith('#')));

        // Then
        Assert.Contains("sample-digits.json", header, StringComparison.Ordinal);
        Assert.Contains("derived by the tolerances command from the seed-to-seed spread of sample-digits-full's results, k = 1.5", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("|actual − baseline| <= abs + rel·|baseline|", header, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_sits_beside_the_baseline()
    {
        // Given / When
        var path = ToleranceFile.PathFor(System.IO.Path.Combine("tests", "baselines", "quickstart.json"));

        // Then
        Assert.Equal(System.IO.Path.Combine("tests", "baselines", "quickstart.tolerances.yaml"), path);
    }

    [Theory]
    [InlineData("misspelt name", "  loss_barrier:", "  los_barrier:", 5, 3,
        "unknown tolerance 'los_barrier'; valid names: default, loss_barrier, loss_barrier_mean, ")]
    [InlineData("misspelt summary name", "  loss_barrier:", "  loss_barrier/meen:", 5, 3, "Did you mean 'loss_barrier/mean'?")]
    [InlineData("negative abs", "abs: 0.01", "abs: -0.01", 5, 24, "tolerances.loss_barrier.abs must be at least 0, got -0.01")]
    [InlineData("negative rel", "rel: 0.05", "rel: -1", 5, 35, "tolerances.loss_barrier.rel must be at least 0, got -1")]
    [InlineData("unknown key of a tolerance", "rel: 0.05", "relative: 0.05", 5, 30, "unknown key 'relative' in tolerances.loss_barrier; valid keys: abs, rel")]
    [InlineData("sigmas not positive", "sigmas: 1", "sigmas: 0", 2, 9, "sigmas must be positive, got 0")]
    [InlineData("no source", "derived_from: sample-digits\n", "", 1, 1, "missing required key 'derived_from' at the top level")]
    public void An_error_names_the_file_line_and_column(string kind, string old, string replacement, int line, int column, string problem)
    {
        // Given
        File.WriteAllText(Path, TempManifest.Edit(Valid, old, replacement));

        // When
        var error = Assert.Throws<ManifestException>(() => ToleranceFile.Read(Path));

        // Then
        Assert.NotEmpty(kind);
        ManifestAssert.At(error, Path, line, column, problem);
    }

    [Fact]
    public void An_empty_file_says_how_to_fill_it()
    {
        // Given
        File.WriteAllText(Path, "# nothing yet\n");

        // When
        var error = Assert.Throws<ManifestException>(() => ToleranceFile.Read(Path));

        // Then the message names the file and the way to derive the numbers, in the library's words
        Assert.Equal($"{Path}: the file holds no tolerances. Derive them with the tolerances command", error.Message);
    }
}
