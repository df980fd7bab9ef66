using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Plotting;
using OrthoRebasin.Tests.Check;
using SkiaSharp;

namespace OrthoRebasin.Tests.Plotting;

public sealed class FiguresTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void DrawAll_writes_pngs_of_the_configured_size()
    {
        // Given two permutation methods, one path, alignment diagnostics
        var results = SampleResults.Create();

        // When
        var files = Figures.DrawAll(results, _directory.Path);

        // Then loss, accuracy, barriers for test and train, then fidelity, layers, singular vectors
        Assert.Equal(
            ["loss-linear-test.png", "accuracy-linear-test.png", "barriers-linear-test.png",
             "loss-linear-train.png", "accuracy-linear-train.png", "barriers-linear-train.png",
             "fidelity.png", "layers.png", "singular-vectors.png"],
            files.Select(Path.GetFileName));
        var single = (Figures.Width, Figures.Height);
        var wide = (Figures.WideWidth, Figures.WideHeight);
        var grid = (Figures.GridWidth, Figures.GridHeight);
        Assert.Equal([single, single, grid, single, single, grid, wide, wide, grid], files.Select(f => PngFile.Size(File.ReadAllBytes(f))));
        Assert.All(files, file => Assert.True(PngFile.HasSignature(File.ReadAllBytes(file)), file));
        Assert.Equal(files.Order(), Directory.GetFiles(_directory.Path).Order()); // no temporary file left behind
    }

    [Fact]
    public void With_every_catalog_method_and_two_paths_curves_split_into_family_panels_and_paths_are_compared()
    {
        // Given all twelve methods along linear and slerp
        var results = SampleResults.CreateFull();

        // When
        var files = Figures.DrawAll(results, _directory.Path).Select(Path.GetFileName).ToList();

        // Then the curve figures have two panels (wide), and each split has a figure comparing the paths
        Assert.Contains("paths-test.png", files);
        Assert.Contains("paths-train.png", files);
        Assert.Contains("loss-slerp-test.png", files);
        Assert.Equal((Figures.WideWidth, Figures.WideHeight), PngFile.Size(File.ReadAllBytes(Path.Combine(_directory.Path, "loss-linear-test.png"))));
        // A grid keeps its panels' size: one panel per method in rows of four, each row half a two-row grid's height
        var rows = (results.Curves.Select(c => c.Method).Distinct().Count() + 3) / 4;
        Assert.Equal((Figures.GridWidth, Figures.GridHeight * Math.Max(rows, 2) / 2), PngFile.Size(File.ReadAllBytes(Path.Combine(_directory.Path, "paths-test.png"))));
    }

    [Theory]
    [InlineData("loss")]
    [InlineData("barriers")]
    [InlineData("fidelity")]
    [InlineData("layers")]
    [InlineData("paths")]
    public void Every_method_of_the_catalog_is_drawn_in_its_colour(string figure)
    {
        // Given
        var results = SampleResults.CreateFull();
        var file = Path.Combine(_directory.Path, figure + ".png");

        // When
        _ = figure switch
        {
            "loss" => Figures.DrawLoss(results, "linear", "test", file),
            "barriers" => Figures.DrawBarriers(results, "linear", "test", file),
            "fidelity" => Figures.DrawFidelity(results, file),
            "layers" => Figures.DrawLayers(results, file),
            _ => Figures.DrawPaths(results, "test", file),
        };

        // Then
        using var bitmap = SKBitmap.Decode(file);
        var counts = bitmap.Pixels.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        foreach (var method in AlignmentMethods.Registry.Entries.Select(m => m.Id))
        {
            var colour = MethodColors.For(method);
            var expected = new SKColor(colour.R, colour.G, colour.B, colour.A);
            Assert.True(counts.GetValueOrDefault(expected) > 100, $"{method} is not drawn in its colour in {figure}");
        }
    }

    [Fact]
    public void A_loss_figure_shows_each_method_in_its_own_colour()
    {
        // Given
        var results = SampleResults.Create();
        var file = Path.Combine(_directory.Path, "loss.png");

        // When
        Figures.DrawLoss(results, "linear", "test", file);

        // Then
        using var bitmap = SKBitmap.Decode(file);
        var pixels = bitmap.Pixels;
        Assert.True(pixels.Distinct().Count() > 20, "the figure is nearly a single colour");
        foreach (var method in SampleResults.Methods)
        {
            var colour = MethodColors.For(method);
            var expected = new SKColor(colour.R, colour.G, colour.B, colour.A);
            Assert.True(pixels.Count(p => p == expected) > 200, $"{method} is not drawn in its colour");
        }
    }

    [Fact]
    public void The_barrier_figure_has_a_bar_per_method_in_its_colour()
    {
        // Given
        var results = SampleResults.Create();
        var file = Path.Combine(_directory.Path, "barriers.png");

        // When
        Figures.DrawBarriers(results, "linear", "test", file);

        // Then
        using var bitmap = SKBitmap.Decode(file);
        foreach (var method in SampleResults.Methods)
        {
            var colour = MethodColors.For(method);
            var expected = new SKColor(colour.R, colour.G, colour.B, colour.A);
            Assert.True(bitmap.Pixels.Count(p => p == expected) > 500, $"{method} has no bars in its colour");
        }
    }

    [Fact]
    public void Method_colours_are_stable_and_distinct()
    {
        // Given
        var ids = AlignmentMethods.Registry.Entries.Select(m => m.Id).Append("some-future-method").ToList();

        // When
        var first = ids.Select(MethodColors.For).ToList();
        var second = ids.Select(MethodColors.For).ToList();

        // Then
        Assert.Equal(first, second);
        Assert.Equal(AlignmentMethods.Registry.Entries.Count, first.Take(AlignmentMethods.Registry.Entries.Count).Distinct().Count());
    }

    [Fact]
    public void A_missing_font_is_a_clear_error_naming_the_package()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var error = Assert.Throws<UserErrorException>(
            () => Figures.DrawAll(results, _directory.Path, "No Such Font Family For Tests"));

        // Then
        Assert.Contains("fonts-dejavu-core", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }
}
