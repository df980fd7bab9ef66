using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class DatasetRegistryTests
{
    [Fact]
    public void Registry_describes_every_data_set_before_loading_it()
    {
        // Given
        var entries = DatasetRegistry.Registry.Entries;

        // When
        var described = entries.Where(e => e.Description.Length > 0 && e.Classes >= 2 && e.Shape.Size > 0).Select(e => e.Id);

        // Then
        Assert.Equal(entries.Select(e => e.Id), described);
        Assert.Equal(["mnist", "fashion-mnist", "cifar10"], DatasetRegistry.Downloads.Keys.OrderBy(DatasetRegistry.Registry.IndexOf));
    }

    [Fact]
    public void Load_unknown_id_lists_the_valid_ids()
    {
        // Given
        var location = new DataLocation(null);

        // When
        var error = Assert.Throws<UserErrorException>(() => DatasetRegistry.Load("mnistt", location));

        // Then
        Assert.Contains("'mnistt'", error.Message, StringComparison.Ordinal);
        foreach (var entry in DatasetRegistry.Registry.Entries)
        {
            Assert.Contains(entry.Id, error.Message, StringComparison.Ordinal);
        }
    }
}
