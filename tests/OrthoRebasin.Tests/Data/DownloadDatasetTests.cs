using System.Formats.Tar;
using System.IO.Compression;
using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class DownloadDatasetTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("download-data-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task DownloadAsync_extracts_the_listed_files_of_a_tar_gz()
    {
        // Given
        byte[] first = [1, 2, 3, 4];
        byte[] second = [5, 6, 7];
        var archive = TarGz(("set/a.bin", first), ("set/b.bin", second), ("set/readme.html", [9]), ("other/a.bin", [8]));
        await using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(200, archive), maxRequests: 1);
        var extraction = new TarExtraction("set", new Dictionary<string, FileChecksum>
        {
            ["a.bin"] = new(DataFileWriter.Md5(first), null),
            ["b.bin"] = FileChecksum.OfSha256(DataFileWriter.Sha256(second)),
        });
        var sources = Sources(new DatasetDownload(
            new Uri(server.BaseUri, "set.tar.gz"), "set.tar.gz", new FileChecksum(DataFileWriter.Md5(archive), null), ChecksumScope.AsStored, extraction));
        var reports = new List<DatasetDownloadProgress>();

        // When
        var folder = await new DatasetDownloader(_http, sources).DownloadAsync("toy", _dataDir, new RecordingProgress<DatasetDownloadProgress>(reports), CancellationToken.None);

        // Then
        Assert.Equal(Path.Combine(_dataDir, "toy"), folder);
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(folder, "a.bin")));
        Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(folder, "b.bin")));
        Assert.Equal(["a.bin", "b.bin"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["set.tar.gz: downloaded", "a.bin: extracted", "b.bin: extracted"],
            reports.Where(r => r.Finished is not null).Select(r => $"{r.FileName}: {r.Finished}"));
    }

    [Fact]
    public async Task DownloadAsync_when_an_extracted_file_is_damaged_throws_and_removes_it()
    {
        // Given
        byte[] first = [1, 2, 3, 4];
        var archive = TarGz(("set/a.bin", first));
        await using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(200, archive), maxRequests: 1);
        var extraction = new TarExtraction("set", new Dictionary<string, FileChecksum> { ["a.bin"] = new(new string('0', 32), null) });
        var sources = Sources(new DatasetDownload(
            new Uri(server.BaseUri, "set.tar.gz"), "set.tar.gz", new FileChecksum(DataFileWriter.Md5(archive), null), ChecksumScope.AsStored, extraction));

        // When
        var error = await Assert.ThrowsAsync<DatasetException>(
            () => new DatasetDownloader(_http, sources).DownloadAsync("toy", _dataDir, null, CancellationToken.None));

        // Then
        Assert.Contains("a.bin", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "toy", "a.bin")));
    }

    [Fact]
    public async Task DownloadAsync_skips_files_already_present_and_valid()
    {
        // Given
        var payload = DataFileWriter.Idx([2], [0, 1]);
        var gz = DataFileWriter.Gzip(payload);
        await using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(200, gz), maxRequests: 2);
        var sources = Sources(new DatasetDownload(
            new Uri(server.BaseUri, "labels.gz"), "labels.gz", FileChecksum.OfSha256(DataFileWriter.Sha256(payload)), ChecksumScope.GzipPayload));
        var downloader = new DatasetDownloader(_http, sources);
        var reports = new List<DatasetDownloadProgress>();

        // When
        await downloader.DownloadAsync("toy", _dataDir, null, CancellationToken.None);
        await downloader.DownloadAsync("toy", _dataDir, new RecordingProgress<DatasetDownloadProgress>(reports), CancellationToken.None);

        // Then
        Assert.Single(server.Requests);
        Assert.Equal(gz, await File.ReadAllBytesAsync(Path.Combine(_dataDir, "toy", "labels.gz")));
        Assert.Equal("already present", Assert.Single(reports).Finished);
    }

    [Fact]
    public async Task DownloadAsync_an_embedded_set_says_what_can_be_downloaded()
    {
        // Given
        var downloader = new DatasetDownloader(_http);

        // When
        var error = await Assert.ThrowsAsync<UserErrorException>(
            () => downloader.DownloadAsync(UciDigits.DatasetId, _dataDir, null, CancellationToken.None));

        // Then
        Assert.Contains("mnist, fashion-mnist, cifar10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Official_sources_match_the_loaders()
    {
        // Given
        var official = DatasetRegistry.Downloads;

        // When
        var mnist = official[IdxImageDataset.Mnist.Id];
        var cifar = Assert.Single(official[Cifar10.DatasetId]);

        // Then
        Assert.Equal(
            ["https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz", "https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz",
             "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz", "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"],
            mnist.Select(d => d.Url.ToString()));
        Assert.All(mnist, d => Assert.Equal(ChecksumScope.GzipPayload, d.Scope));
        Assert.Equal("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz", official[IdxImageDataset.FashionMnist.Id][^1].Url.ToString());
        Assert.Equal("c32a1d4ab5d03f1284b67883e8d87530", cifar.Checksum.Md5);
        Assert.Equal([.. Cifar10.TrainFiles, Cifar10.TestFile], cifar.Extract!.Files.Keys);
    }

    private static Dictionary<string, IReadOnlyList<DatasetDownload>> Sources(DatasetDownload download) => new() { ["toy"] = [download] };

    private static byte[] TarGz(params (string Name, byte[] Bytes)[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return output.ToArray();
    }
}
