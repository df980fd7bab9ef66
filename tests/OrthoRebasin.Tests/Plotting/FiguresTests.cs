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
        // Given
        var results = SampleResults.Create();

        // When
        var files = Figures.DrawAll(results, _directory.Path);

        // Then
        Assert.Equal(6, files.Count); // loss, accuracy, barriers for test and train
        Assert.All(files, file =>
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(PngFile.HasSignature(bytes), file);
            Assert.Equal((Figures.Width, Figures.Height), PngFile.Size(bytes));
        });
        Assert.Equal(files.Order(), Directory.GetFiles(_directory.Path).Order()); // no temporary file left behind
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
        var ids = Catalog.Methods.Select(m => m.Id).Append("some-future-method").ToList();

        // When
        var first = ids.Select(MethodColors.For).ToList();
        var second = ids.Select(MethodColors.For).ToList();

        // Then
        Assert.Equal(first, second);
        Assert.Equal(Catalog.Methods.Count, first.Take(Catalog.Methods.Count).Distinct().Count());
    }

    [Fact]
    public void A_missing_font_is_a_clear_error_naming_the_package()
    {
        // Given
        var results = SampleResults.Create();

        // When
        var error = Assert.Throws<InvalidOperationException>(
            () => Figures.DrawAll(results, _directory.Path, "No Such Font Family For Tests"));

        // Then
        Assert.Contains("fonts-dejavu-core", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }
}
