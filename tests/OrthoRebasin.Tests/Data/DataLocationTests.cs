using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class DataLocationTests
{
    private static readonly string _current = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "current"));

    [Fact]
    public void SearchRoots_an_explicit_folder_is_the_only_root()
    {
        // Given
        var location = new DataLocation("downloads");

        // When
        var roots = location.SearchRoots(_ => "/elsewhere", _current);

        // Then
        Assert.Equal([Path.Combine(_current, "downloads")], roots);
    }

    [Fact]
    public void SearchRoots_without_a_folder_tries_the_environment_then_dot_data()
    {
        // Given
        var location = new DataLocation(null);
        var fromEnvironment = Path.Combine(_current, "env-data");

        // When
        var roots = location.SearchRoots(name => name == "ORTHOREBASIN_DATA" ? fromEnvironment : null, _current);

        // Then
        Assert.Equal([fromEnvironment, Path.Combine(_current, "data")], roots);
    }

    [Fact]
    public void SearchRoots_without_a_folder_or_environment_is_dot_data()
    {
        // Given
        var location = new DataLocation(null);

        // When
        var roots = location.SearchRoots(_ => null, _current);

        // Then
        Assert.Equal([Path.Combine(_current, "data")], roots);
    }
}
