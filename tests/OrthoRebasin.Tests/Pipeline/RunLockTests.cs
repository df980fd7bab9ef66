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

    [Fact]
    public async Task A_run_that_waits_takes_the_lock_once_its_holder_releases_it()
    {
        // Given a run holding the experiment's lock, released from another task after 300 ms
        var folder = Path.Combine(_root, "quickstart");
        var first = RunLock.Acquire(folder, "experiment 'quickstart'");
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            first.Dispose();
        });
        var said = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When another run asks for it, willing to wait 30 s
        using var second = RunLock.Acquire(folder, "experiment 'quickstart'", TimeSpan.FromSeconds(30), said.Add);

        // Then it waited for the release (not the whole 30 s), said once whom it waited for, and took a cleanly released lock
        await release;
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));
        var line = Assert.Single(said);
        Assert.StartsWith($"waiting for pid {Environment.ProcessId} on {Environment.MachineName}", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, RunLock.FileName), line, StringComparison.Ordinal);
        Assert.Null(second.PreviousHolder);
    }

    [Fact]
    public void A_wait_that_runs_out_refuses_with_the_holder_and_how_long_it_waited()
    {
        // Given a run holding the experiment's lock
        var folder = Path.Combine(_root, "quickstart");
        using var first = RunLock.Acquire(folder, "experiment 'quickstart'");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When another run waits 1.2 s for it
        var error = Assert.Throws<UserErrorException>(() => RunLock.Acquire(folder, "experiment 'quickstart'", TimeSpan.FromSeconds(1.2)));

        // Then it waited, and the one-line refusal names the holder and the wait
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.2), $"gave up after {clock.Elapsed}");
        Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}", error.Message, StringComparison.Ordinal);
        Assert.Contains("; waited 1.2 s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Two_opens_of_the_lock_file_in_one_process_conflict()
    {
        // Given the lock file opened as RunLock opens it (FileShare.None: flock on Unix, per open file)
        var path = Path.Combine(_root, RunLock.FileName);
        using var first = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // When / Then a second open in the same process is refused, so in-process tests of the lock test the real thing
        var refused = Assert.ThrowsAny<IOException>(() => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));

        // And that refusal is a held lock, not a folder that cannot be written
        Assert.False(RunLock.IsUnwritable(refused));
    }

    [Fact]
    public void A_folder_that_refuses_writes_is_told_apart_from_a_held_lock()
    {
        // Given the refusals of a file system that cannot be written: no permission, a read-only file system (EROFS)
        // When / Then
        Assert.True(RunLock.IsUnwritable(new UnauthorizedAccessException("Access to the path is denied.")));
        Assert.True(RunLock.IsUnwritable(new IOException("Read-only file system", 30)));
        Assert.True(RunLock.IsUnwritable(new IOException("Permission denied", 13)));
        Assert.False(RunLock.IsUnwritable(new IOException("No space left on device", 28)));
        Assert.False(RunLock.IsUnwritable(new FileNotFoundException("gone")));
    }

    [Fact]
    public void A_folder_without_write_permission_gives_no_lock_and_no_error()
    {
        // Given a finished experiment's folder without write permission
        if (Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            // Root writes through any mode bits; CliEndToEndTests makes a genuinely read-only mount for root instead.
            Console.WriteLine("Skipped: running as root (or on Windows), where chmod a-w does not stop writes.");
            return;
        }

        var folder = Path.Combine(_root, "quickstart");
        using (RunLock.Acquire(folder, "experiment 'quickstart'"))
        {
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(folder, RunLock.FileName), UnixFileMode.UserRead);
        try
        {
            // When / Then
            Assert.Null(RunLock.TryAcquire(folder, "experiment 'quickstart'"));
            Assert.Throws<UnauthorizedAccessException>(() => RunLock.Acquire(folder, "experiment 'quickstart'"));
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(folder, RunLock.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
