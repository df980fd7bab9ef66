using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.IO;

public sealed class ArtifactWriteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_interrupted_file_write_leaves_no_file_under_the_final_name()
    {
        // Given a write that fails half way
        var path = Path.Combine(_root, "results.json");

        // When it throws after writing some bytes
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"half\":"u8);
            throw new IOException("killed");
        }));

        // Then neither the final file nor a temporary one is left
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_root));
    }

    [Fact]
    public void An_interrupted_stage_leaves_no_final_folder_and_a_rerun_produces_it()
    {
        // Given a stage unit that crashes after writing part of its output
        var store = new ArtifactStore(_root);
        Assert.Throws<InvalidOperationException>(() => store.GetOrCreate("train", "seed-1", new string('a', 64), folder =>
        {
            File.WriteAllText(Path.Combine(folder, "model.safetensors"), "partial");
            throw new InvalidOperationException("killed");
        }));

        // Then the final folder does not exist
        Assert.False(Directory.Exists(store.PathOf("train", "seed-1", new string('a', 64))));

        // When the unit runs again it is produced, and a third run reuses it without calling the producer
        var (folder, cached) = store.GetOrCreate("train", "seed-1", new string('a', 64), f => File.WriteAllText(Path.Combine(f, "model.safetensors"), "whole"));
        var (again, cachedAgain) = store.GetOrCreate("train", "seed-1", new string('a', 64), _ => throw new InvalidOperationException("must not run"));
        Assert.False(cached);
        Assert.True(cachedAgain);
        Assert.Equal(folder, again);
        Assert.Equal("whole", File.ReadAllText(Path.Combine(again, "model.safetensors")));
    }

    [Fact]
    public void Folders_abandoned_by_a_killed_run_are_removed()
    {
        // Given a partial folder as a kill -9 would leave it (never renamed, never cleaned)
        var store = new ArtifactStore(_root);
        var partial = store.PathOf("align", "identity-1-2", new string('b', 64)) + ".partial-deadbeef";
        Directory.CreateDirectory(partial);

        // When the store cleans up
        var removed = store.RemoveAbandonedPartials();

        // Then it is gone
        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(partial));
    }
}
