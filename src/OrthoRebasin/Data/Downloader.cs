using System.Net;
using System.Net.Http.Headers;

namespace OrthoRebasin.Data;

/// <summary>
/// Downloads one file into <c>destination.partial</c>, resuming a previous partial with an HTTP Range request, and renames
/// it into place only once its checksum matches, so the final name never holds unverified bytes.
/// </summary>
internal sealed class Downloader(HttpClient http)
{
    public const string PartialSuffix = ".partial";

    private const int BufferSize = 1 << 16;

    /// <returns>The full path of the verified file.</returns>
    /// <exception cref="DatasetException">The downloaded bytes do not match <paramref name="expected"/>; the partial is deleted.</exception>
    /// <exception cref="DownloadException">The server refused the file or the transfer broke; a partial is kept for the next call to resume.</exception>
    public Task<string> DownloadAsync(
        Uri source, string destination, FileChecksum expected, IProgress<DownloadProgress>? progress, CancellationToken ct) =>
        DownloadAsync(source, destination, expected, ChecksumScope.AsStored, progress, ct);

    /// <inheritdoc cref="DownloadAsync(Uri, string, FileChecksum, IProgress{DownloadProgress}?, CancellationToken)"/>
    public async Task<string> DownloadAsync(
        Uri source, string destination, FileChecksum expected, ChecksumScope scope, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(expected);
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + PartialSuffix;

        await FetchAsync(source, partial, progress, ct).ConfigureAwait(false);

        if (Digests.Mismatch(partial, expected, scope) is { } mismatch)
        {
            File.Delete(partial);
            var what = scope == ChecksumScope.GzipPayload ? "gunzipped payload" : "contents";
            throw new DatasetException(
                $"{source} downloaded to {destination} does not match its canonical checksum: the {what} has {mismatch}. "
                + "The partial download was deleted; rerun to download it again, and if this persists the source has changed.");
        }

        File.Move(partial, destination, overwrite: true);
        return destination;
    }

    private async Task FetchAsync(Uri source, string partial, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            if (have > 0)
            {
                request.Headers.Range = new RangeHeaderValue(have, null);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
            {
                // The partial is as long as or longer than the file: it cannot be resumed, so start over.
                File.Delete(partial);
                await FetchAsync(source, partial, progress, ct).ConfigureAwait(false);
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadException(
                    $"Downloading {source} failed: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            // A 200 to a Range request means the server sent the whole file: restart from byte 0.
            var resumed = response.StatusCode == HttpStatusCode.PartialContent && have > 0;
            if (resumed && response.Content.Headers.ContentRange?.From is { } from && from != have)
            {
                throw new DownloadException($"Downloading {source}: asked to resume at byte {have}, but the server sent bytes from {from}.");
            }

            var start = resumed ? have : 0;
            var total = response.Content.Headers.ContentLength is { } length ? start + length : (long?)null;
            var received = start;
            progress?.Report(new DownloadProgress(received, total));
            await using (var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            await using (var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
            {
                var buffer = new byte[BufferSize];
                int read;
                try
                {
                    while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                        received += read;
                        progress?.Report(new DownloadProgress(received, total));
                    }
                }
                finally
                {
                    // Whatever arrived is kept on disk, so the next call resumes after it.
                    await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }
            }

            if (total is { } expectedTotal && received < expectedTotal)
            {
                throw Broken(source, received, null);
            }
        }
        catch (HttpRequestException ex)
        {
            throw Broken(source, PartialLength(partial), ex);
        }
        catch (IOException ex)
        {
            throw Broken(source, PartialLength(partial), ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw Broken(source, PartialLength(partial), ex);
        }
    }

    private static long PartialLength(string partial) => File.Exists(partial) ? new FileInfo(partial).Length : 0;

    private static DownloadException Broken(Uri source, long received, Exception? inner) =>
        new($"Downloading {source} broke off after {received:N0} bytes{(inner is null ? "" : $" ({inner.Message})")}. "
            + "The bytes so far are kept; rerun to resume.", inner);
}
