using System.Globalization;
using System.Text.Json;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The lock a run holds on the folder it writes (one experiment's artifacts): an exclusive OS lock on
/// <see cref="FileName"/> inside it, held as long as the run. The operating system drops the lock when the process ends,
/// however it ends, so a lock left by a killed run is never in the way: its file stays, unlocked, and the next run takes
/// it. The holder writes who it is to <see cref="HolderFileName"/> beside it (the locked file cannot be read by others on
/// every platform) and removes it when it releases the lock, so a holder file found with the lock free names a run that
/// died. While the lock is held, a second run of the same experiment stops with one line naming the holder; runs of
/// other experiments have folders, and locks, of their own.
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

    /// <summary>Takes the lock of <paramref name="folder"/> for <paramref name="what"/> (e.g. "experiment quickstart").</summary>
    /// <exception cref="UserErrorException">Another live process holds it; the message names that process.</exception>
    public static RunLock Acquire(string folder, string what)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var holderPath = Path.Combine(folder, HolderFileName);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive lock on the file (flock on Unix), released by the OS when the process dies.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new UserErrorException(
                $"{what} is being written by another run ({Holder(holderPath) ?? "holder not known yet"}; lock {path}). Wait for it to finish, or stop it.", ex);
        }

        var previous = Holder(holderPath);
        IO.AtomicFile.WriteAllText(holderPath, JsonSerializer.Serialize(new LockHolder(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow)));
        return new RunLock(stream, holderPath, previous);
    }

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
