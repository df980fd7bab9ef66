using System.Globalization;
using System.Text.Json;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The lock a run holds on the folder it writes (one experiment's artifacts): an exclusive OS lock on
/// <see cref="FileName"/> inside it, held as long as the run. The operating system drops the lock when the process ends,
/// however it ends, so a lock left by a killed run is never in the way: its file stays, unlocked, and the next run takes
/// it. The holder writes who it is to <see cref="HolderFileName"/> beside it (the locked file cannot be read by others on
/// every platform) and removes it when it releases the lock, so a holder file found with the lock free names a run that
/// died. While the lock is held, a second run of the same experiment stops with one line naming the holder (at once, or
/// after waiting as long as it was willing to); runs of other experiments have folders, and locks, of their own. A folder
/// that cannot be written gets no lock (<see cref="TryAcquire"/>): nothing can change it, so a reader needs none.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = ".lock";

    public const string HolderFileName = ".lock.json";

    private readonly FileStream _stream;
    private readonly string _holderPath;

    private RunLock(FileStream stream, string holderPath, string? previousHolder)
    {
        _stream = stream;
        _holderPath = holderPath;
        PreviousHolder = previousHolder;
    }

    /// <summary>Who held the lock last when that run ended without releasing it (a killed run), or null.</summary>
    public string? PreviousHolder { get; }

    /// <summary>The longest a run waits for the lock (7 days): a bound, so a mistyped wait is an error, not a hang.</summary>
    public const int MaxWaitSeconds = 7 * 24 * 3600;

    /// <summary>How often a waiting run tries the lock again.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Takes the lock of <paramref name="folder"/> for <paramref name="what"/> (e.g. "experiment quickstart"). While another
    /// live process holds it, tries again every <see cref="PollInterval"/> for up to <paramref name="wait"/> (zero: refuses at
    /// once), telling <paramref name="waiting"/> once, in one line, whom it waits for.
    /// </summary>
    /// <exception cref="UserErrorException">Another live process holds it (after <paramref name="wait"/>); the message names that process.</exception>
    public static RunLock Acquire(string folder, string what, TimeSpan wait = default, Action<string>? waiting = null)
    {
        if (wait < TimeSpan.Zero || wait > TimeSpan.FromSeconds(MaxWaitSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, $"expected 0 to {MaxWaitSeconds} s.");
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var holderPath = Path.Combine(folder, HolderFileName);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var announced = false;
        FileStream stream;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on the file (flock on Unix, per open file, so two opens in one process
                // conflict too), released by the OS when the process dies.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException ex) when (!IsUnwritable(ex) && File.Exists(path))
            {
                var holder = Holder(holderPath) ?? "holder not known yet";
                var left = wait - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    var waited = wait > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"; waited {wait.TotalSeconds:0.###} s") : "";
                    throw new UserErrorException(
                        $"{what} is being written by another run ({holder}; lock {path}{waited}). Wait for it to finish, or stop it.", ex);
                }

                if (!announced)
                {
                    waiting?.Invoke(string.Create(CultureInfo.InvariantCulture, $"waiting for {holder} to finish (lock {path}; at most {wait.TotalSeconds:0.###} s)"));
                    announced = true;
                }

                Thread.Sleep(left < PollInterval ? left : PollInterval);
            }
        }

        try
        {
            var previous = Holder(holderPath);
            IO.AtomicFile.WriteAllText(holderPath, JsonSerializer.Serialize(new LockHolder(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow)));
            return new RunLock(stream, holderPath, previous);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Acquire"/>, or null when <paramref name="folder"/> cannot be written at all (a read-only file system, no
    /// permission: see <see cref="IsUnwritable"/>): then nothing can be written there, and no lock is needed to read it.
    /// </summary>
    public static RunLock? TryAcquire(string folder, string what, TimeSpan wait = default, Action<string>? waiting = null)
    {
        try
        {
            return Acquire(folder, what, wait, waiting);
        }
        catch (Exception ex) when (IsUnwritable(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says the file system refuses to write (no permission, a read-only file system),
    /// as opposed to a lock held by someone else or another I/O error: UnauthorizedAccessException (EACCES, EPERM on Unix;
    /// access denied on Windows), EROFS (30) and EACCES (13) as an IOException's HResult, ERROR_WRITE_PROTECT on Windows.
    /// </summary>
    public static bool IsUnwritable(Exception exception) => exception switch
    {
        UnauthorizedAccessException => true,
        IOException io => io.HResult is 30 or 13 or unchecked((int)0x80070013),
        _ => false,
    };

    /// <summary>Releases the lock; the lock file stays, so a waiting run never races a deletion.</summary>
    public void Dispose()
    {
        File.Delete(_holderPath);
        _stream.Dispose();
    }

    private static string? Holder(string holderPath)
    {
        try
        {
            return File.Exists(holderPath) ? Describe(File.ReadAllText(holderPath)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Describe(string json)
    {
        try
        {
            var holder = JsonSerializer.Deserialize<LockHolder>(json);
            return holder is null ? null : string.Create(CultureInfo.InvariantCulture, $"pid {holder.Pid} on {holder.Host}, since {holder.Started:u}");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record LockHolder(int Pid, string Host, DateTimeOffset Started);
}
