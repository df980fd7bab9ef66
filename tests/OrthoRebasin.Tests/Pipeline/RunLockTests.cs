using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.Pipeline;

/// <summary>A run locks the experiment folder it writes; a second run refuses with the holder, a dead holder's lock is taken over.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-lock-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_second_run_of_the_same_experiment_refuses_with_one_line_naming_the_holder()
    {
        // Given a run holding the experiment's lock
        var folder = Path.Combine(_root, "quickstart");
        using var first = RunLock.Acquire(folder, "experiment 'quickstart'");

        // When another run asks for it
        var error = Assert.Throws<UserErrorException>(() => RunLock.Acquire(folder, "experiment 'quickstart'"));

        // Then it is told who holds it and where the lock is, on one line
        Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, RunLock.FileName), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_released_lock_can_be_taken_again_and_other_experiments_are_never_blocked()
    {
        // Given
        var folder = Path.Combine(_root, "quickstart");
        using (RunLock.Acquire(folder, "experiment 'quickstart'"))
        {
            // When another experiment runs at the same time
            using var other = RunLock.Acquire(Path.Combine(_root, "quickstart-resmlp"), "experiment 'quickstart-resmlp'");

            // Then it got its own lock
            Assert.Null(other.PreviousHolder);
        }

        // And the released lock is free, and was released cleanly
        using var again = RunLock.Acquire(folder, "experiment 'quickstart'");
        Assert.Null(again.PreviousHolder);
    }

    [Fact]
    public void A_lock_left_by_a_killed_run_is_taken_over_and_named()
    {
        // Given what a run killed while it held the lock leaves: its holder file, and no process locking the lock
        var folder = Path.Combine(_root, "quickstart");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, RunLock.HolderFileName), """{"Pid":4242,"Host":"elsewhere","Started":"2026-01-02T03:04:05+00:00"}""");

        // When
        using var taken = RunLock.Acquire(folder, "experiment 'quickstart'");

        // Then
        Assert.Equal("pid 4242 on elsewhere, since 2026-01-02 03:04:05Z", taken.PreviousHolder);
    }
}
