using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class FileChecksumTests
{
    [Fact]
    public void Verify_checks_an_md5_only_digest_and_names_both()
    {
        // Given
        byte[] bytes = [1, 2, 3];
        var expected = new string('a', 32);
        var checksum = new FileChecksum(expected, null);

        // When
        var error = Assert.Throws<DatasetException>(() => checksum.Verify(bytes, "test_batch.bin", "contents", "the source"));

        // Then
        Assert.Contains($"test_batch.bin: the MD5 of its contents is {DataFileWriter.Md5(bytes)}, expected {expected}", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-download it from the source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_accepts_matching_digests()
    {
        // Given
        byte[] bytes = [1, 2, 3];
        var checksum = new FileChecksum(DataFileWriter.Md5(bytes), DataFileWriter.Sha256(bytes));

        // When
        var error = Record.Exception(() => checksum.Verify(bytes, "f", "contents", "the source"));

        // Then
        Assert.Null(error);
    }
}
