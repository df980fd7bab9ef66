using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class DatasetRegistryTests
{
    [Fact]
    public void Sources_MatchTheCatalogIds()
    {
        // Given
        var catalogIds = Catalog.Datasets.Select(e => e.Id);

        // When
        var sourceIds = DatasetRegistry.Sources.Select(s => s.Id);

        // Then
        Assert.Equal(catalogIds.Order(StringComparer.Ordinal), sourceIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_UnknownIdListsTheValidIds()
    {
        // Given
        var location = new DataLocation(null);

        // When
        var error = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("mnistt", location));

        // Then
        Assert.Contains("'mnistt'", error.Message, StringComparison.Ordinal);
        foreach (var entry in Catalog.Datasets)
        {
            Assert.Contains(entry.Id, error.Message, StringComparison.Ordinal);
        }
    }
}
