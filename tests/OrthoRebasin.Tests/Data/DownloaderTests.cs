using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class DownloaderTests : IDisposable
{
    private static readonly byte[] _payload = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7 % 251))];
    private readonly string _folder = Directory.CreateTempSubdirectory("download-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static FileChecksum Canonical => new(DataFileWriter.Md5(_payload), DataFileWriter.Sha256(_payload));

    private static LoopbackHttpServer.Response Ok(byte[] body) => new(200, body);

    [Fact]
    public async Task DownloadAsync_verifies_and_renames_into_place()
    {
        // Given
        await using var server = new LoopbackHttpServer(_ => Ok(_payload), maxRequests: 1);
        var destination = Path.Combine(_folder, "file.bin");
        var reports = new List<DownloadProgress>();

        // When
        var path = await new Downloader(_http).DownloadAsync(
            new Uri(server.BaseUri, "file.bin"), destination, Canonical, new RecordingProgress<DownloadProgress>(reports), CancellationToken.None);

        // Then
        Assert.Equal(destination, path);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(destination));
        Assert.False(File.Exists(destination + Downloader.PartialSuffix));
        Assert.Equal(new DownloadProgress(_payload.Length, _payload.Length), reports[^1]);
        Assert.Null(Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task DownloadAsync_after_a_broken_transfer_keeps_the_partial_and_resumes_with_a_range()
    {
        // Given
        const int cut = 70_000;
        await using var server = new LoopbackHttpServer(
            r => r.Range is null
                ? new LoopbackHttpServer.Response(200, _payload, CutAfter: cut)
                : new LoopbackHttpServer.Response(206, _payload[cut..], ContentRange: $"bytes {cut}-{_payload.Length - 1}/{_payload.Length}"),
            maxRequests: 2);
        var destination = Path.Combine(_folder, "file.bin");
        var source = new Uri(server.BaseUri, "file.bin");
        var downloader = new Downloader(_http);

        // When
        var broken = await Assert.ThrowsAsync<DownloadException>(
            () => downloader.DownloadAsync(source, destination, Canonical, null, CancellationToken.None));
        var partialLength = new FileInfo(destination + Downloader.PartialSuffix).Length;
        await downloader.DownloadAsync(source, destination, Canonical, null, CancellationToken.None);

        // Then
        Assert.Contains(source.ToString(), broken.Message, StringComparison.Ordinal);
        Assert.Contains("rerun to resume", broken.Message, StringComparison.Ordinal);
        Assert.Equal(cut, partialLength);
        Assert.Equal($"bytes={cut}-", server.Requests[1].Range);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(destination));
        Assert.False(File.Exists(destination + Downloader.PartialSuffix));
    }

    [Fact]
    public async Task DownloadAsync_when_the_server_ignores_the_range_restarts_from_zero()
    {
        // Given
        await using var server = new LoopbackHttpServer(_ => Ok(_payload), maxRequests: 1);
        var destination = Path.Combine(_folder, "file.bin");
        await File.WriteAllBytesAsync(destination + Downloader.PartialSuffix, new byte[1234]);

        // When
        await new Downloader(_http).DownloadAsync(new Uri(server.BaseUri, "file.bin"), destination, Canonical, null, CancellationToken.None);

        // Then
        Assert.Equal("bytes=1234-", Assert.Single(server.Requests).Range);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task DownloadAsync_on_a_checksum_mismatch_throws_and_leaves_no_file()
    {
        // Given
        byte[] wrong = [.. _payload];
        wrong[^1] ^= 0xff;
        await using var server = new LoopbackHttpServer(_ => Ok(wrong), maxRequests: 1);
        var destination = Path.Combine(_folder, "file.bin");
        var source = new Uri(server.BaseUri, "file.bin");

        // When
        var error = await Assert.ThrowsAsync<DatasetException>(
            () => new Downloader(_http).DownloadAsync(source, destination, Canonical, null, CancellationToken.None));

        // Then
        Assert.Contains(source.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(destination, error.Message, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {DataFileWriter.Sha256(wrong)} (expected {DataFileWriter.Sha256(_payload)})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"MD5 {DataFileWriter.Md5(wrong)} (expected {DataFileWriter.Md5(_payload)})", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + Downloader.PartialSuffix));
    }

    [Fact]
    public async Task DownloadAsync_on_a_404_names_the_url()
    {
        // Given
        await using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(404, "no"u8.ToArray()), maxRequests: 1);
        var destination = Path.Combine(_folder, "file.bin");
        var source = new Uri(server.BaseUri, "missing.bin");

        // When
        var error = await Assert.ThrowsAsync<DownloadException>(
            () => new Downloader(_http).DownloadAsync(source, destination, Canonical, null, CancellationToken.None));

        // Then
        Assert.Contains(source.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task DownloadAsync_with_a_payload_checksum_verifies_the_gunzipped_bytes()
    {
        // Given
        var gz = DataFileWriter.Gzip(_payload);
        await using var server = new LoopbackHttpServer(_ => Ok(gz), maxRequests: 1);
        var destination = Path.Combine(_folder, "file.gz");

        // When
        await new Downloader(_http).DownloadAsync(
            new Uri(server.BaseUri, "file.gz"), destination, FileChecksum.OfSha256(DataFileWriter.Sha256(_payload)), ChecksumScope.GzipPayload, null, CancellationToken.None);

        // Then
        Assert.Equal(gz, await File.ReadAllBytesAsync(destination));
    }
}
