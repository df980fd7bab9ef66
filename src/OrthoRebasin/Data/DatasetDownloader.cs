using System.Formats.Tar;
using System.IO.Compression;
using OrthoRebasin.IO;

namespace OrthoRebasin.Data;

/// <summary>
/// Fetches what a data set's loader needs into <c>&lt;dataDir&gt;/&lt;id&gt;/</c> from its official sources, skipping files
/// already present and valid; every file is checked against its canonical checksum before it gets its final name.
/// </summary>
public sealed class DatasetDownloader
{
    private readonly Downloader _downloader;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<DatasetDownload>> _sources;

    public DatasetDownloader(HttpClient http)
        : this(http, DatasetRegistry.Downloads)
    {
    }

    // Tests pass sources on a loopback server with their own checksums.
    internal DatasetDownloader(HttpClient http, IReadOnlyDictionary<string, IReadOnlyList<DatasetDownload>> sources)
    {
        ArgumentNullException.ThrowIfNull(http);
        _downloader = new Downloader(http);
        _sources = sources;
    }

    /// <returns>The data set's folder, <c>&lt;dataDir&gt;/&lt;id&gt;</c>, as a full path.</returns>
    /// <exception cref="UserErrorException">The id has no download sources; the message lists the ids that have.</exception>
    /// <exception cref="DatasetException">A file does not match its canonical checksum (nothing unverified is left under a final name).</exception>
    /// <exception cref="DownloadException">A transfer failed; rerunning resumes it.</exception>
    public async Task<string> DownloadAsync(string datasetId, string dataDir, IProgress<DatasetDownloadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(datasetId);
        ArgumentNullException.ThrowIfNull(dataDir);
        if (!_sources.TryGetValue(datasetId, out var downloads))
        {
            throw new UserErrorException(
                $"Data set '{datasetId}' has nothing to download (it is embedded or unknown). Downloadable: {string.Join(", ", _sources.Keys)}.");
        }

        var folder = Path.GetFullPath(Path.Combine(dataDir, datasetId));
        Directory.CreateDirectory(folder);
        foreach (var download in downloads)
        {
            if (download.Extract is { } tar)
            {
                await FetchArchiveAsync(download, tar, folder, progress, ct).ConfigureAwait(false);
            }
            else
            {
                await FetchFileAsync(download, folder, progress, ct).ConfigureAwait(false);
            }
        }

        return folder;
    }

    private async Task FetchFileAsync(DatasetDownload download, string folder, IProgress<DatasetDownloadProgress>? progress, CancellationToken ct)
    {
        if (download.Scope == ChecksumScope.GzipPayload && download.FileName.EndsWith(".gz", StringComparison.Ordinal))
        {
            // The loader prefers an uncompressed copy, so a damaged one would shadow anything downloaded here.
            var raw = Path.Combine(folder, download.FileName[..^3]);
            if (File.Exists(raw))
            {
                if (Digests.Mismatch(raw, download.Checksum, ChecksumScope.AsStored) is { } mismatch)
                {
                    throw new DatasetException(
                        $"{raw} is damaged ({mismatch}) and the loader would use it instead of {download.FileName}: delete it and rerun.");
                }

                progress?.Report(Done(Path.GetFileName(raw), raw, "already present"));
                return;
            }
        }

        var destination = Path.Combine(folder, download.FileName);
        if (File.Exists(destination) && Digests.Mismatch(destination, download.Checksum, download.Scope) is null)
        {
            progress?.Report(Done(download.FileName, destination, "already present"));
            return;
        }

        await _downloader.DownloadAsync(download.Url, destination, download.Checksum, download.Scope, Relay(download.FileName, progress), ct)
            .ConfigureAwait(false);
        progress?.Report(Done(download.FileName, destination, "downloaded"));
    }

    private async Task FetchArchiveAsync(
        DatasetDownload download, TarExtraction tar, string folder, IProgress<DatasetDownloadProgress>? progress, CancellationToken ct)
    {
        var missing = tar.Files
            .Where(f => !File.Exists(Path.Combine(folder, f.Key)) || Digests.Mismatch(Path.Combine(folder, f.Key), f.Value, ChecksumScope.AsStored) is not null)
            .Select(f => f.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var present in tar.Files.Keys.Where(f => !missing.Contains(f)))
        {
            progress?.Report(Done(present, Path.Combine(folder, present), "already present"));
        }

        if (missing.Count == 0)
        {
            return;
        }

        var archive = Path.Combine(folder, download.FileName);
        if (!File.Exists(archive) || Digests.Mismatch(archive, download.Checksum, download.Scope) is not null)
        {
            await _downloader.DownloadAsync(download.Url, archive, download.Checksum, download.Scope, Relay(download.FileName, progress), ct)
                .ConfigureAwait(false);
            progress?.Report(Done(download.FileName, archive, "downloaded"));
        }

        Extract(archive, tar, missing, folder, progress, ct);
        File.Delete(archive);
    }

    /// <summary>Writes each wanted file of the archive's folder into <paramref name="folder"/> atomically, then verifies it.</summary>
    internal static void Extract(
        string archive, TarExtraction tar, IReadOnlySet<string> wanted, string folder, IProgress<DatasetDownloadProgress>? progress, CancellationToken ct)
    {
        var prefix = tar.Folder.TrimEnd('/') + "/";
        var extracted = new HashSet<string>(StringComparer.Ordinal);
        using (var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                ct.ThrowIfCancellationRequested();
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (entry.DataStream is null || !name.StartsWith(prefix, StringComparison.Ordinal) || !wanted.Contains(name[prefix.Length..]))
                {
                    continue;
                }

                // Only names from the fixed list are written, so an archive cannot place files elsewhere.
                var fileName = name[prefix.Length..];
                var path = Path.Combine(folder, fileName);
                AtomicFile.Write(path, entry.DataStream.CopyTo);
                if (Digests.Mismatch(path, tar.Files[fileName], ChecksumScope.AsStored) is { } mismatch)
                {
                    File.Delete(path);
                    throw new DatasetException(
                        $"{fileName} extracted from {archive} does not match its canonical checksum: {mismatch}. Delete the archive and rerun.");
                }

                extracted.Add(fileName);
                progress?.Report(Done(fileName, path, "extracted"));
            }
        }

        var absent = wanted.Where(f => !extracted.Contains(f)).ToList();
        if (absent.Count > 0)
        {
            throw new DatasetException($"{archive} lacks {string.Join(", ", absent.Select(f => prefix + f))}.");
        }
    }

    private static DatasetDownloadProgress Done(string fileName, string path, string what)
    {
        var length = new FileInfo(path).Length;
        return new DatasetDownloadProgress(fileName, length, length, what);
    }

    private static IProgress<DownloadProgress>? Relay(string fileName, IProgress<DatasetDownloadProgress>? progress) =>
        progress is null ? null : new RelayProgress(fileName, progress);
}
