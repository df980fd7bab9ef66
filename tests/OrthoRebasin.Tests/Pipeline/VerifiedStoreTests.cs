using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>A cached unit is reused only when its files verify against the digests recorded when it was committed.</summary>
public sealed class VerifiedStoreTests : IDisposable
{
    private static readonly string Key = new('c', 64);

    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-store-").FullName;
    private readonly List<string> _reports = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("flip a byte")]
    [InlineData("truncate")]
    [InlineData("delete")]
    [InlineData("add a file")]
    [InlineData("delete the manifest")]
    public void A_damaged_unit_is_reported_with_its_path_and_computed_again(string damage)
    {
        // Given a committed unit
        var store = new ArtifactStore(_root, _reports.Add);
        var (folder, _) = store.GetOrCreate("train", "seed-1", Key, Produce);
        var model = Path.Combine(folder, "model.safetensors");

        // When it is damaged and asked for again
        switch (damage)
        {
            case "flip a byte":
                var bytes = File.ReadAllBytes(model);
                bytes[^3] ^= 0x01;
                File.WriteAllBytes(model, bytes);
                File.SetLastWriteTimeUtc(model, File.GetLastWriteTimeUtc(model).AddSeconds(1));
                break;
            case "truncate":
                File.WriteAllBytes(model, File.ReadAllBytes(model)[..10]);
                break;
            case "delete":
                File.Delete(model);
                break;
            case "add a file":
                File.WriteAllText(Path.Combine(folder, "stray.json"), "{}");
                break;
            case "delete the manifest":
                File.Delete(Path.Combine(folder, UnitManifest.FileName));
                break;
        }

        var produced = 0;
        var (again, cached) = store.GetOrCreate("train", "seed-1", Key, f =>
        {
            produced++;
            Produce(f);
        });

        // Then it was not trusted: reported by path, produced anew, and whole again
        Assert.False(cached);
        Assert.Equal(1, produced);
        Assert.Equal(folder, again);
        Assert.Contains(_reports, r => r.StartsWith($"{folder} failed verification: ", StringComparison.Ordinal));
        Assert.Equal(Content(), File.ReadAllBytes(model));
        Assert.Null(UnitManifest.Problem(again));
    }

    [Fact]
    public void An_intact_unit_is_reused_without_producing_it_or_reporting()
    {
        // Given
        var store = new ArtifactStore(_root, _reports.Add);
        store.GetOrCreate("train", "seed-1", Key, Produce);

        // When
        var (_, cached) = store.GetOrCreate("train", "seed-1", Key, _ => throw new InvalidOperationException("must not run"));

        // Then
        Assert.True(cached);
        Assert.Empty(_reports);
    }

    [Fact]
    public void A_file_whose_write_time_changed_is_hashed_and_kept_when_its_bytes_are_the_same()
    {
        // Given a unit copied elsewhere: same bytes, other write times
        var store = new ArtifactStore(_root, _reports.Add);
        var (folder, _) = store.GetOrCreate("train", "seed-1", Key, Produce);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "model.safetensors"), DateTime.UtcNow.AddDays(-3));

        // When
        var (_, cached) = store.GetOrCreate("train", "seed-1", Key, _ => throw new InvalidOperationException("must not run"));

        // Then
        Assert.True(cached);
    }

    [Fact]
    public void Temporary_files_of_interrupted_writes_are_cleaned_like_partial_folders()
    {
        // Given a temporary file as a kill during an atomic write leaves it, and a finished file beside it
        var folder = Path.Combine(_root, "interpolate");
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".curves.json.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, "{\"half\":");
        AtomicFile.WriteAllText(Path.Combine(folder, "curves.json"), "{}");

        // When
        var removed = new ArtifactStore(_root).RemoveAbandonedPartials();

        // Then
        Assert.Equal(1, removed);
        Assert.False(File.Exists(temporary));
        Assert.True(File.Exists(Path.Combine(folder, "curves.json")));
    }

    private static byte[] Content() => [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    private static void Produce(string folder)
    {
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), Content());
        File.WriteAllText(Path.Combine(folder, "training.json"), "{\"seed\": 1}");
    }
}
