using OrthoRebasin.Data;
using OrthoRebasin.Tests.Check;

namespace OrthoRebasin.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false, "images")]
    [InlineData(true, "images.gz")]
    [InlineData(true, "images-named-raw")]
    [InlineData(false, "images-named.gz")]
    public void ReadImages_round_trips_raw_and_gzip_detected_by_content(bool gzip, string fileName)
    {
        // Given
        using var folder = new TemporaryDirectory();
        byte[] pixels = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10))];
        var payload = DataFileWriter.Idx([2, 3, 4], pixels);
        var path = Path.Combine(folder.Path, fileName);
        File.WriteAllBytes(path, gzip ? DataFileWriter.Gzip(payload) : payload);

        // When
        var images = IdxReader.ReadImages(path);

        // Then
        Assert.Equal((2, 3, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
        Assert.Equal(payload, IdxReader.ReadPayload(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_round_trips_raw_and_gzip(bool gzip)
    {
        // Given
        using var folder = new TemporaryDirectory();
        byte[] labels = [3, 1, 4, 1, 5, 9];
        var payload = DataFileWriter.Idx([labels.Length], labels);
        var path = Path.Combine(folder.Path, "labels");
        File.WriteAllBytes(path, gzip ? DataFileWriter.Gzip(payload) : payload);

        // When
        var read = IdxReader.ReadLabels(path);

        // Then
        Assert.Equal(labels, read);
    }

    [Theory]
    [InlineData("truncated payload", "truncated: the header says 2x3x4 = 24 data bytes, found 23")]
    [InlineData("truncated header", "truncated: 10 bytes, shorter than the 16-byte header")]
    [InlineData("trailing bytes", "2 trailing bytes: the header says 2x3x4 = 24 data bytes, found 26")]
    [InlineData("wrong magic", "magic number 305419896 (0x12345678); expected magic 2051")]
    [InlineData("wrong type", "magic number 2307 (0x00000903); expected magic 2051")]
    [InlineData("wrong dimensions", "an IDX file with 2 dimensions (magic 2050); expected magic 2051 (unsigned bytes, 3 dimensions)")]
    public void ReadImages_rejects_a_malformed_file_naming_it(string kind, string problem)
    {
        // Given
        using var folder = new TemporaryDirectory();
        var bytes = MalformedImages(kind);
        var path = Path.Combine(folder.Path, "bad-images.gz");
        File.WriteAllBytes(path, DataFileWriter.Gzip(bytes));

        // When
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(path));

        // Then
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_rejects_an_image_file_naming_both_magic_numbers()
    {
        // Given
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "labels");
        File.WriteAllBytes(path, DataFileWriter.Idx([1, 2, 2], new byte[4]));

        // When
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path));

        // Then
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("3 dimensions (magic 2051); expected magic 2049", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPayload_rejects_a_corrupt_gzip_stream_naming_the_file()
    {
        // Given
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "broken.gz");
        var gzip = DataFileWriter.Gzip(DataFileWriter.Idx([4], [1, 2, 3, 4]));
        gzip[3] = 0xff;
        File.WriteAllBytes(path, gzip);

        // When
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadPayload(path));

        // Then
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImagesTensor_streams_the_pixels_into_uint8_rows_and_hashes_the_payload(bool gzip)
    {
        // Given
        using var folder = new TemporaryDirectory();
        byte[] pixels = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10))];
        var payload = DataFileWriter.Idx([2, 3, 4], pixels);
        var path = Path.Combine(folder.Path, "images");
        File.WriteAllBytes(path, gzip ? DataFileWriter.Gzip(payload) : payload);
        byte[]? digest = null;

        // When
        var (tensor, rows, columns) = IdxReader.ReadImagesTensor(path, d => digest = d);

        // Then
        using (tensor)
        {
            Assert.Equal((3, 4), (rows, columns));
            Assert.Equal([2L, 12L], tensor.shape);
            Assert.Equal(pixels, tensor.data<byte>().ToArray());
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(payload), digest);
        }
    }

    [Theory]
    [InlineData("truncated payload", "truncated: the header says 2x3x4 = 24 data bytes, found 23")]
    [InlineData("truncated header", "truncated: 10 bytes, shorter than the 16-byte header")]
    [InlineData("trailing bytes", "2 trailing bytes: the header says 2x3x4 = 24 data bytes, found 26")]
    [InlineData("wrong magic", "magic number 305419896 (0x12345678); expected magic 2051")]
    public void ReadImagesTensor_rejects_a_malformed_file_as_read_images_does_after_the_checksum(string kind, string problem)
    {
        // Given
        using var folder = new TemporaryDirectory();
        var bytes = MalformedImages(kind);
        var path = Path.Combine(folder.Path, "bad-images.gz");
        File.WriteAllBytes(path, DataFileWriter.Gzip(bytes));
        byte[]? digest = null;

        // When
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImagesTensor(path, d => digest = d));

        // Then: the whole payload was hashed first (a damaged download reports its checksum), then the structure
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes), digest);
    }

    [Fact]
    public void ReadImagesTensor_refuses_a_header_asking_for_more_than_a_file_can_hold()
    {
        // Given: a header of 65536 × 65536 × 65536 images over 24 bytes
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "huge-images");
        File.WriteAllBytes(path, [.. DataFileWriter.Idx([2, 3, 4], new byte[24])[..4], 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, .. new byte[24]]);

        // When
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImagesTensor(path, _ => { }));

        // Then
        Assert.Contains("more than one file of images can hold", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A 2×3×4 IDX image file damaged as <paramref name="kind"/> says.</summary>
    private static byte[] MalformedImages(string kind)
    {
        var good = DataFileWriter.Idx([2, 3, 4], new byte[24]);
        return kind switch
        {
            "truncated payload" => good[..^1],
            "truncated header" => good[..10],
            "trailing bytes" => [.. good, 0, 0],
            "wrong magic" => [0x12, 0x34, 0x56, 0x78, .. good[4..]],
            "wrong type" => [.. good[..2], 0x09, .. good[3..]],
            "wrong dimensions" => DataFileWriter.Idx([6, 4], new byte[24]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such damage"),
        };
    }
}
